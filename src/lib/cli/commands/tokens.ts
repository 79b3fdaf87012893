// `atlas tokens [--shard k/n] [--merge]`: per-token log-probabilities of every model and baseline on the
// validation stories -> data/tokens/ (a shard -> data/tokens-shards/<k>-of-<n>/; --merge joins them).
import fs from "node:fs";
import path from "node:path";
import type { AtlasContext } from "../../atlasContext.ts";
import { baselineScorerFactories, firstTokenizer } from "../../data/baselineScorers.ts";
import { modelScorerFactory } from "../../data/modelScorers.ts";
import { AtlasError } from "../../errors.ts";
import { resolveModelSet } from "../../models/modelSet.ts";
import { codeProvenance } from "../../results/codeProvenance.ts";
import { writeTokenAnalysis } from "../../tokens/tokenAnalysis.ts";
import { writeTokenPatterns } from "../../tokens/writeTokenPatterns.ts";
import { mergeShards } from "../../tokens/mergeShards.ts";
import { type Shard, scoreStoryTokens } from "../../tokens/scoreStoryTokens.ts";
import { loadValidationStories } from "../../tokens/validationStories.ts";
import type { CliIo } from "../io.ts";
import { createProgress } from "../progress.ts";

export function parseShard(spec: string | undefined): Shard | null {
  if (spec === undefined) return null;
  const m = /^(\d+)\/(\d+)$/.exec(spec);
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || k < 1 || k > n) throw new AtlasError(`--shard must be k/n with 1 <= k <= n (e.g. 2/4), not "${spec}"`);
  return { k, n };
}

export async function tokensCommand(ctx: AtlasContext, io: CliIo, flags: { shard?: string; merge: boolean }): Promise<number> {
  const tokensDir = path.join(ctx.dataDir, "tokens");
  const shardsDir = path.join(ctx.dataDir, "tokens-shards");
  const log = (line: string) => io.err(line + "\n");
  if (flags.merge) {
    const dirs = fs.existsSync(shardsDir) ? fs.readdirSync(shardsDir).map((d) => path.join(shardsDir, d)) : [];
    const merged = mergeShards(dirs, tokensDir);
    writeTokenAnalysis(tokensDir, merged);
    writeTokenPatterns(tokensDir, merged);
    const { manifest } = merged;
    log(`merged ${dirs.length} shards: ${manifest.text.stories} stories, ${manifest.text.tokens} tokens, ${manifest.scorers.length} scorers -> ${path.relative(ctx.root, tokensDir)}`);
    return 0;
  }
  const shard = parseShard(flags.shard);
  const models = resolveModelSet(ctx.modelSpec, { cwd: ctx.root });
  const factories = [...models.map((m) => modelScorerFactory(m, ctx)), ...baselineScorerFactories(ctx, models, io.env)];
  const tokenizer = await firstTokenizer(ctx, models);
  const text = await loadValidationStories({ root: ctx.root, env: io.env, cacheDir: ctx.cacheDir, offline: ctx.offline });
  const outDir = shard ? path.join(shardsDir, `${shard.k}-of-${shard.n}`) : tokensDir;
  const start = performance.now();
  const result = await scoreStoryTokens(text, factories, outDir, shard, {
    cacheDir: ctx.cacheDir,
    tokenizer,
    provenance: codeProvenance(ctx.root, io.env),
    progress: createProgress({ write: io.err, isTty: io.isTty }),
    log,
  });
  if (!shard) {
    writeTokenAnalysis(outDir, result.folder);
    writeTokenPatterns(outDir, result.folder);
  }
  log(
    `${shard ? `shard ${shard.k}/${shard.n}: ` : ""}scored ${result.scored.length ? result.scored.join(", ") : "nothing new (all cached)"}; ` +
      `wrote ${path.relative(ctx.root, outDir)} in ${((performance.now() - start) / 1000).toFixed(1)}s`,
  );
  for (const f of result.failures) log(`FAILED ${f.id}: ${f.error}`);
  return result.failures.length ? 1 : 0;
}
