// Every figure of a task, in the order pages show them. Ids are stable: fig-<task>-<kind>. Result figures
// come from the result file; mechanism figures from the task's mechanism file, where there is one of the
// same task content (matchMechanisms.ts): a task without one simply has none.
import type { MechanismFile } from "../mechanisms/mechanismSchema.ts";
import { matchMechanisms } from "../mechanisms/matchMechanisms.ts";
import type { ResultFile } from "../results/resultSchema.ts";
import { attributionFigure } from "./attributionFigure.ts";
import { breakdownFigure } from "./breakdownFigure.ts";
import { mainMetricFigure, top1Figure } from "./byModelFigures.ts";
import type { FigureDef } from "./figureTypes.ts";
import { headAblationFigure } from "./headAblationFigure.ts";
import { logitDiffFigure } from "./logitDiffFigure.ts";
import { logitLensFigure } from "./logitLensFigure.ts";

export { figureId } from "./ids.ts";

/**
 * Main metric, top-1 rate (unless that is the main metric), logit differences (where wrong answers exist),
 * breakdown; then, given the task's mechanism file, head ablation, attribution and logit lens.
 */
export function figuresForTask(result: ResultFile, mechanisms: MechanismFile | null = null): FigureDef[] {
  const evidence = matchMechanisms(result, mechanisms);
  const figures: Array<FigureDef | null> = [
    mainMetricFigure(result),
    result.task.mainMetric === "top1" ? null : top1Figure(result),
    logitDiffFigure(result),
    breakdownFigure(result),
    ...(evidence.ok ? [headAblationFigure(result, evidence.file), attributionFigure(result, evidence.file), logitLensFigure(result, evidence.file)] : []),
  ];
  return figures.filter((f) => f !== null);
}

/** `mechanisms`: mechanism files by task id (tasks without one get no mechanism figures). */
export function figuresForResults(results: Iterable<ResultFile>, mechanisms: ReadonlyMap<string, MechanismFile> = new Map()): FigureDef[] {
  return [...results].flatMap((r) => figuresForTask(r, mechanisms.get(r.task.id) ?? null));
}
