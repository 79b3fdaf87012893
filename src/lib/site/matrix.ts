// The capability x model matrix of the home page: one cell per capability (its first task) and scorer,
// holding the task's main metric and verdict, read from the result files.
import type { ResultFile, ScorerInfo } from "../results/resultSchema.ts";
import { type MainMetric, distinctScorers, metricInterval } from "./resultViews.ts";

export interface MatrixCell {
  value: number | null;
  hasCapability: boolean;
}

export interface MatrixRow {
  slug: string;
  title: string;
  task: string;
  metric: MainMetric;
  cells: Record<string, MatrixCell>;
}

export function capabilityMatrix(rows: Array<{ slug: string; title: string; result: ResultFile }>): { scorers: ScorerInfo[]; rows: MatrixRow[] } {
  // Columns: every scorer that appears in any result file, models by size, then baselines.
  const scorers = distinctScorers(rows.map((r) => r.result));
  return {
    scorers,
    rows: rows.map(({ slug, title, result }) => ({
      slug,
      title,
      task: result.task.id,
      metric: result.task.mainMetric,
      cells: Object.fromEntries(
        result.scorers.map((s) => {
          const a = result.aggregates[s.id];
          return [s.id, { value: metricInterval(a, result.task.mainMetric)?.value ?? null, hasCapability: a.has_capability }];
        }),
      ),
    })),
  };
}

/** A colour for a value in [0, 1] (light to dark blue); metrics outside [0, 1] are clamped. */
export function cellColour(value: number | null): string {
  if (value === null) return "#eeeeee";
  const t = Math.max(0, Math.min(1, value));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(239, 8)}, ${mix(246, 69)}, ${mix(255, 148)})`;
}

export function cellTextColour(value: number | null): string {
  return value !== null && value > 0.55 ? "#ffffff" : "#1d232a";
}
