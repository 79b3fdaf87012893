// The baselines as scorers: fitted once on the training text (with the GPT-2 tokenizer of the first model
// that prepares), shared by the four baseline entries.
import path from "node:path";
import type { AtlasContext } from "../atlasContext.ts";
import { BASELINE_IDS, BASELINES, type BaselineId } from "../baselines/baselineRegistry.ts";
import { type FittedBaselines, fitBaselines } from "../baselines/fitBaselines.ts";
import { loadTokenizer } from "../models/loadTokenizer.ts";
import type { ModelEntry } from "../models/registry.ts";
import { prepareModel } from "../models/prepareModel.ts";
import type { Tokenizer } from "../models/tokenizer.ts";
import { defaultBatchOptions } from "../scoring/scoreItems.ts";
import type { ScorerDescription, ScorerFactory } from "./scorerHandle.ts";

export function baselineScorerFactories(ctx: AtlasContext, models: ModelEntry[], env: Record<string, string | undefined>): ScorerFactory[] {
  let fitted: Promise<{ baselines: FittedBaselines; tokenizer: Tokenizer }> | undefined;
  const fit = () =>
    (fitted ??= (async () => {
      const tokenizer = await firstTokenizer(ctx, models);
      return { tokenizer, baselines: await fitBaselines({ tokenizer, root: ctx.root, env, cacheDir: ctx.cacheDir, offline: ctx.offline }) };
    })());
  return BASELINE_IDS.map((id: BaselineId) => {
    const describe = async (): Promise<ScorerDescription> => {
      const { baselines } = await fit();
      const t = baselines.training;
      const entry = BASELINES[id];
      return {
        info: {
          type: "baseline",
          id,
          title: entry.title,
          description: `${entry.description}. Needs: ${entry.needs}.`,
          fingerprint: baselines.fingerprint(id),
          training: {
            // Relative to the repository, so result files do not depend on where the checkout lives.
            source: path.isAbsolute(t.source) ? path.relative(ctx.root, t.source) : t.source,
            stories: t.stories,
            tokens: t.tokens,
            sha256: t.textSha256,
          },
        },
        fingerprint: baselines.fingerprint(id),
      };
    };
    return {
      id,
      describe,
      async open() {
        const { baselines, tokenizer } = await fit();
        return { ...(await describe()), scorer: baselines.scorer(id), tokenizer, batch: defaultBatchOptions, release: async () => {} };
      },
    };
  });
}

/** Every TinyStories model uses GPT-2's tokenizer: take it from the first model that prepares. */
export async function firstTokenizer(ctx: AtlasContext, models: ModelEntry[]): Promise<Tokenizer> {
  const errors: string[] = [];
  for (const entry of models) {
    try {
      const prepared = await prepareModel(entry, ctx);
      return await loadTokenizer(prepared.dir, entry.id);
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  throw new Error(`no model could provide the tokenizer for the baselines: ${errors.join("; ") || "no models configured"}`);
}
