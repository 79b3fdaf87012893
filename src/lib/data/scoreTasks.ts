// Every scorer (models, then baselines) over every task's items, through the score cache: only items
// without a cached score are run. A scorer that fails to open is reported and skipped; the rest go on.
import type { Progress } from "../cli/progress.ts";
import type { ScorerScores } from "../results/buildResultFile.ts";
import type { ScoreEntry } from "../results/resultSchema.ts";
import { ScoreCache } from "../scoring/scoreCache.ts";
import { scoreItems } from "../scoring/scoreItems.ts";
import type { Task, TaskItem } from "../tasks/taskSchema.ts";
import type { ScorerFactory, ScorerHandle } from "./scorerHandle.ts";

export interface ScoreTasksResult {
  /** Per task id, the scores of every scorer that opened, in factory order. */
  byTask: Map<string, ScorerScores[]>;
  /** Scorers that failed to open or score, with the error. */
  failures: Array<{ id: string; error: string }>;
  /** Items actually run (not from the cache), per scorer and task: "scorer/task" -> count. */
  newlyScored: Map<string, number>;
  /** Items reported as skipped: "scorer/task/item: reason". */
  skipped: string[];
}

export async function scoreTasks(
  tasks: Task[],
  factories: ScorerFactory[],
  deps: { cacheDir: string; progress: Progress; log: (line: string) => void },
): Promise<ScoreTasksResult> {
  const result: ScoreTasksResult = { byTask: new Map(tasks.map((t) => [t.id, []])), failures: [], newlyScored: new Map(), skipped: [] };
  for (const factory of factories) {
    let handle: ScorerHandle | undefined;
    try {
      const { info, fingerprint } = await factory.describe();
      const perTask: Array<[Task, ScoreCache, Map<string, ScoreEntry>, TaskItem[]]> = tasks.map((task) => {
        const cache = new ScoreCache(deps.cacheDir, fingerprint, task.id);
        const entries = new Map<string, ScoreEntry>();
        const missing = task.items.filter((item) => {
          const cached = cache.get(item);
          if (cached) entries.set(item.id, cached);
          return !cached;
        });
        return [task, cache, entries, missing];
      });
      // Opened (sessions loaded, baselines built) only when something is not cached.
      if (perTask.some(([, , , missing]) => missing.length > 0)) handle = await factory.open();
      for (const [task, cache, entries, missing] of perTask) {
        if (missing.length > 0) {
          deps.progress.begin(`${info.id} / ${task.id}`, missing.length);
          await scoreItems(handle!.scorer, handle!.tokenizer, missing, handle!.batch, (done) => {
            for (const [item, entry] of done) {
              entries.set(item.id, entry);
              cache.set(item, entry);
            }
            cache.flush();
            deps.progress.advance(done.length);
          });
          deps.progress.end();
        }
        result.newlyScored.set(`${info.id}/${task.id}`, missing.length);
        for (const item of task.items) {
          const entry = entries.get(item.id)!;
          if ("skipped" in entry) result.skipped.push(`${info.id}/${task.id}/${item.id}: ${entry.skipped}`);
        }
      }
      for (const [task, , entries] of perTask) result.byTask.get(task.id)!.push({ info, entries });
    } catch (e) {
      result.failures.push({ id: factory.id, error: (e as Error).message });
      deps.log(`${factory.id}: FAILED: ${(e as Error).message}`);
    } finally {
      await handle?.release();
    }
  }
  return result;
}
