// Every figure of a task, in the order pages show them. Ids are stable: fig-<task>-<kind>.
import type { ResultFile } from "../results/resultSchema.ts";
import { breakdownFigure } from "./breakdownFigure.ts";
import { mainMetricFigure, top1Figure } from "./byModelFigures.ts";
import type { FigureDef, FigureKind } from "./figureTypes.ts";
import { logitDiffFigure } from "./logitDiffFigure.ts";

export { figureId } from "./ids.ts";

/** Main metric, top-1 rate (unless that is the main metric), logit differences (where wrong answers exist), breakdown. */
export function figuresForTask(result: ResultFile): FigureDef[] {
  const figures: Array<FigureDef | null> = [
    mainMetricFigure(result),
    result.task.mainMetric === "top1" ? null : top1Figure(result),
    logitDiffFigure(result),
    breakdownFigure(result),
  ];
  return figures.filter((f): f is FigureDef => f !== null);
}

export function figuresForResults(results: Iterable<ResultFile>): FigureDef[] {
  return [...results].flatMap(figuresForTask);
}

/** The figure of a kind for a task, or null where the task has none (e.g. no wrong answers). */
export function taskFigure(result: ResultFile, kind: FigureKind): FigureDef | null {
  return figuresForTask(result).find((f) => f.kind === kind) ?? null;
}
