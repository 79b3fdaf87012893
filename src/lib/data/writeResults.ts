// Writes one result file per task (atomically) and removes result files of tasks that no longer exist.
import fs from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../io/atomicWrite.ts";
import { type ScorerScores, buildResultFile } from "../results/buildResultFile.ts";
import type { CodeProvenance } from "../results/codeProvenance.ts";
import type { Task } from "../tasks/taskSchema.ts";

export function resultFilePath(resultsDir: string, taskId: string): string {
  return path.join(resultsDir, `${taskId}.json`);
}

export function writeResults(
  tasks: Task[],
  byTask: Map<string, ScorerScores[]>,
  provenance: CodeProvenance,
  opts: { resultsDir: string; root: string },
): string[] {
  // Build every file before writing any, so a failure leaves the previous results whole.
  const files = tasks.map((task) => [task.id, buildResultFile(task, byTask.get(task.id) ?? [], provenance, opts.root)] as const);
  const written: string[] = [];
  for (const [id, file] of files) {
    const target = resultFilePath(opts.resultsDir, id);
    writeFileAtomic(target, JSON.stringify(file, null, 1) + "\n");
    written.push(target);
  }
  const keep = new Set(tasks.map((t) => `${t.id}.json`));
  for (const name of fs.existsSync(opts.resultsDir) ? fs.readdirSync(opts.resultsDir) : []) {
    if (name.endsWith(".json") && !keep.has(name)) fs.rmSync(path.join(opts.resultsDir, name));
  }
  return written;
}
