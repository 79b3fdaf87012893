// Caption sentences shared by every figure and table: which scorers, how intervals were made, and where
// the numbers come from.
import type { ResultFile } from "../results/resultSchema.ts";
import { nonPublishedModels, orderedScorers } from "../site/resultViews.ts";
import type { FigureSource } from "./figureTypes.ts";

export function figureSource(result: ResultFile): FigureSource {
  return {
    task: result.task.id,
    taskVersion: result.task.version,
    codeVersion: result.provenance.codeVersion,
    scorerVersion: result.provenance.scorerVersion,
    date: result.provenance.date,
    bootstrapResamples: result.provenance.bootstrapResamples,
  };
}

/** "4 models (a, b, c, d; smallest first) and 2 baselines (x, y)", plus a warning for stand-in models. */
export function scorersSentence(result: ResultFile): string {
  const ordered = orderedScorers(result.scorers);
  const models = ordered.filter((s) => s.type === "model").map((s) => s.id);
  const baselines = ordered.filter((s) => s.type === "baseline").map((s) => s.id);
  return `${count(models.length, "model")} (${models.join(", ")}; smallest first) and ${count(baselines.length, "baseline")} (${baselines.join(", ")}).${standInWarning(nonPublishedModels(result.scorers).length)}`;
}

/** " 2 of the models are replicas or fixtures, not published TinyStories weights." (empty for none). */
export function standInWarning(standIns: number): string {
  if (!standIns) return "";
  return ` ${standIns} of the models ${standIns === 1 ? "is a replica or fixture" : "are replicas or fixtures"}, not published TinyStories weights.`;
}

export function intervalSentence(result: ResultFile): string {
  return `Intervals are 95% percentile-bootstrap intervals over items (${result.provenance.bootstrapResamples} resamples).`;
}

export function provenanceSentence(result: ResultFile): string {
  const p = result.provenance;
  return `Task ${result.task.id} v${result.task.version}; code ${p.codeVersion}, scorer v${p.scorerVersion}; results of ${p.date}.`;
}

export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
