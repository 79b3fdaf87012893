// The columns every per-scorer row shares: id, the axis label, model or baseline, and the size order the
// charts sort by (models smallest first, then baselines, as orderedScorers gives them).
import type { ResultFile, ScorerInfo } from "../results/resultSchema.ts";
import { orderedScorers, scorerKindLabel } from "../site/resultViews.ts";

export interface ScorerFields {
  [column: string]: string | number | null;
  scorer: string;
  label: string;
  type: "model" | "baseline";
  kind: string;
  parameters: number | null;
  order: number;
}

export function scorerFields(result: ResultFile): ScorerFields[] {
  return orderedScorers(result.scorers).map((s, order) => ({
    scorer: s.id,
    label: scorerLabel(s),
    type: s.type,
    kind: scorerKindLabel(s),
    parameters: s.type === "model" ? s.parameters : null,
    order,
  }));
}

/** Axis label: the id with the parameter count (models) or "baseline", so size order is readable. */
export function scorerLabel(s: ScorerInfo): string {
  return s.type === "model" ? `${s.id} (${(s.parameters / 1e6).toFixed(1)}M)` : `${s.id} (baseline)`;
}
