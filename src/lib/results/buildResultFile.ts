// Assembles a task's result file from the scores of every model and baseline: aggregates, tag
// breakdowns and verdicts, numbers rounded to float32 precision, validated before it is written.
import path from "node:path";
import { BOOTSTRAP_RESAMPLES, aggregate, describeRule, type Aggregate } from "../scoring/aggregate.ts";
import { SCORER_VERSION, type ItemScore } from "../scoring/itemScore.ts";
import type { Task } from "../tasks/taskSchema.ts";
import type { CodeProvenance } from "./codeProvenance.ts";
import { RESULT_SCHEMA_VERSION, type ResultFile, type ScoreEntry, type ScorerInfo, resultFileSchema } from "./resultSchema.ts";

export interface ScorerScores {
  info: ScorerInfo;
  /** Entries by item id. */
  entries: Map<string, ScoreEntry>;
}

export function buildResultFile(task: Task, scorers: ScorerScores[], provenance: CodeProvenance, root: string): ResultFile {
  const hasWrong = task.items.some((i) => i.wrong !== undefined);
  const scores: ResultFile["scores"] = {};
  const aggregates: ResultFile["aggregates"] = {};
  const breakdowns: ResultFile["breakdowns"] = {};
  const tags = [...new Set(task.items.flatMap((i) => i.tags))].sort();
  for (const { info, entries } of scorers) {
    const ordered: Record<string, ScoreEntry> = {};
    for (const item of task.items) {
      const entry = entries.get(item.id);
      if (!entry) throw new Error(`${info.id} has no score for ${task.id}/${item.id}`);
      ordered[item.id] = roundNumbers(entry);
    }
    scores[info.id] = ordered;
    const of = (ids: Set<string>) => summarize(task, ordered, ids, `${task.id}|${info.id}`);
    aggregates[info.id] = of(new Set(task.items.map((i) => i.id)));
    breakdowns[info.id] = Object.fromEntries(
      tags.map((tag) => [tag, of(new Set(task.items.filter((i) => i.tags.includes(tag)).map((i) => i.id)))]),
    );
  }
  const file: ResultFile = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    task: {
      id: task.id,
      title: task.title,
      version: task.version,
      description: task.description,
      file: path.relative(root, task.file).split(path.sep).join("/"),
      contentHash: task.contentHash,
      mainMetric: task.mainMetric,
      verdict: task.verdict,
      verdictText: describeRule(task.verdict, hasWrong),
      dataCredit: task.dataCredit,
    },
    provenance: { ...provenance, scorerVersion: SCORER_VERSION, bootstrapResamples: BOOTSTRAP_RESAMPLES },
    scorers: scorers.map((s) => s.info),
    items: task.items,
    scores,
    aggregates,
    breakdowns,
  };
  return resultFileSchema.parse(file);
}

function summarize(task: Task, entries: Record<string, ScoreEntry>, ids: Set<string>, seed: string): Aggregate {
  const scored: ItemScore[] = [];
  let skipped = 0;
  for (const item of task.items) {
    if (!ids.has(item.id)) continue;
    const entry = entries[item.id];
    if ("skipped" in entry) skipped++;
    else scored.push(entry);
  }
  return roundNumbers(aggregate(scored, skipped, task.verdict, seed));
}

/** Numbers to 7 significant digits (float32 carries about 7): smaller files, identical across runs. */
export function roundNumbers<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_, v) => (typeof v === "number" && !Number.isInteger(v) ? Number(v.toPrecision(7)) : v)));
}
