// `atlas mechanisms`: head ablation, direct logit attribution, attention summaries, the logit lens and top
// neurons of every configured model on every task -> data/mechanisms/ (cached per model and item).
import path from "node:path";
import type { AtlasContext } from "../../atlasContext.ts";
import { firstTokenizer } from "../../data/baselineScorers.ts";
import { produceMechanisms } from "../../mechanisms/produceMechanisms.ts";
import type { TokenizedStories } from "../../mechanisms/modelNeurons.ts";
import { resolveModelSet } from "../../models/modelSet.ts";
import type { ModelEntry } from "../../models/registry.ts";
import { codeProvenance } from "../../results/codeProvenance.ts";
import { loadTasks } from "../../tasks/loadTasks.ts";
import type { Task } from "../../tasks/taskSchema.ts";
import { AtlasError } from "../../errors.ts";
import { encodeStories } from "../../tokens/encodeStories.ts";
import { loadValidationStories } from "../../tokens/validationStories.ts";
import type { CliIo } from "../io.ts";
import { createProgress } from "../progress.ts";

export async function mechanismsCommand(ctx: AtlasContext, io: CliIo): Promise<number> {
  const start = performance.now();
  const log = (line: string) => io.err(line + "\n");
  const tasks = capItems(loadTasks(ctx.tasksDir), io.env.ATLAS_MECHANISM_ITEMS);
  const models = resolveModelSet(ctx.modelSpec, { cwd: ctx.root });
  const outDir = path.join(ctx.dataDir, "mechanisms");
  const result = await produceMechanisms(tasks, models, {
    ctx,
    stories: () => tokenizedStories(ctx, io, models, log),
    provenance: codeProvenance(ctx.root, io.env),
    progress: createProgress({ write: io.err, isTty: io.isTty }),
    log,
    outDir,
  });
  for (const line of result.skipped) log(`skipped ${line}`);
  log(
    `mechanisms: ${result.itemsRun ? `${result.itemsRun} items run in ${result.runs} forward passes` : `everything was cached (${result.runs} forward passes)`}; ` +
      `${result.written.length} files written to ${path.relative(ctx.root, outDir)} in ${((performance.now() - start) / 1000).toFixed(1)}s`,
  );
  for (const f of result.failures) log(`FAILED ${f.id}: ${f.error}`);
  return result.failures.length ? 1 : 0;
}

/**
 * ATLAS_MECHANISM_ITEMS=N keeps N items per task, evenly spaced over the task's list so every kind of item
 * (seed, natural, each template) stays represented: a quick run (the tests use it); unset, all items.
 */
export function capItems(tasks: Task[], spec: string | undefined): Task[] {
  if (spec === undefined || spec === "") return tasks;
  const cap = Number(spec);
  if (!Number.isInteger(cap) || cap <= 0) throw new AtlasError(`ATLAS_MECHANISM_ITEMS must be a positive integer, not "${spec}"`);
  return tasks.map((t) =>
    t.items.length <= cap ? t : { ...t, items: Array.from({ length: cap }, (_, i) => t.items[Math.floor((i * t.items.length) / cap)]) },
  );
}

/** The stories `atlas tokens` scores, tokenized the same way (same offsets as data/tokens); null if unavailable. */
async function tokenizedStories(ctx: AtlasContext, io: CliIo, models: ModelEntry[], log: (line: string) => void): Promise<(TokenizedStories & { count: number }) | null> {
  try {
    const text = await loadValidationStories({ root: ctx.root, env: io.env, cacheDir: ctx.cacheDir, offline: ctx.offline });
    const tokenizer = await firstTokenizer(ctx, models);
    const { stories: ids, offsets } = encodeStories(tokenizer, text.stories);
    return { source: text.source, sha256: text.sha256, ids, offsets, count: ids.length };
  } catch (e) {
    log(`mechanisms: no validation stories (${(e as Error).message}); neurons get no top tokens`);
    return null;
  }
}
