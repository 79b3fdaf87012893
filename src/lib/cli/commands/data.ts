// `atlas data` (npm run data): every configured model and baseline on every task -> data/results/*.json.
import path from "node:path";
import type { AtlasContext } from "../../atlasContext.ts";
import { baselineScorerFactories } from "../../data/baselineScorers.ts";
import { modelScorerFactory } from "../../data/modelScorers.ts";
import { scoreTasks } from "../../data/scoreTasks.ts";
import { writeResults } from "../../data/writeResults.ts";
import { resolveModelSet } from "../../models/modelSet.ts";
import { codeProvenance } from "../../results/codeProvenance.ts";
import { loadTasks } from "../../tasks/loadTasks.ts";
import type { CliIo } from "../io.ts";
import { createProgress } from "../progress.ts";

export async function dataCommand(ctx: AtlasContext, io: CliIo): Promise<number> {
  const start = performance.now();
  const tasks = loadTasks(ctx.tasksDir);
  const models = resolveModelSet(ctx.modelSpec, { cwd: ctx.root });
  const factories = [...models.map((m) => modelScorerFactory(m, ctx)), ...baselineScorerFactories(ctx, models, io.env)];
  const log = (line: string) => io.err(line + "\n");
  const progress = createProgress({ write: io.err, isTty: io.isTty });
  const scored = await scoreTasks(tasks, factories, { cacheDir: ctx.cacheDir, progress, log });
  const written = writeResults(tasks, scored.byTask, codeProvenance(ctx.root, io.env), {
    resultsDir: path.join(ctx.dataDir, "results"),
    root: ctx.root,
  });
  for (const line of scored.skipped) log(`skipped ${line}`);
  const newly = [...scored.newlyScored.values()].reduce((a, b) => a + b, 0);
  const tasksRun = [...new Set([...scored.newlyScored].filter(([, n]) => n > 0).map(([key]) => key.split("/")[1]))];
  log(
    `scored ${newly} new item scores (${tasksRun.length ? `tasks: ${tasksRun.join(", ")}` : "everything was cached"}); ` +
      `wrote ${written.length} result files to ${path.relative(ctx.root, path.join(ctx.dataDir, "results"))} in ${((performance.now() - start) / 1000).toFixed(1)}s`,
  );
  if (scored.failures.length) {
    for (const f of scored.failures) log(`FAILED ${f.id}: ${f.error}`);
    return 1;
  }
  return 0;
}
