// Views of result files for pages: ordering, labels, formatting. Pure functions of the files (pages
// render numbers; they never compute scores).
import type { Aggregate, Interval } from "../scoring/aggregate.ts";
import type { ResultFile, ScorerInfo } from "../results/resultSchema.ts";

export type MainMetric = ResultFile["task"]["mainMetric"];

/** Models by parameter count (smallest first), then baselines in their file order. */
export function orderedScorers(scorers: ScorerInfo[]): ScorerInfo[] {
  const models = scorers.filter((s) => s.type === "model").sort((a, b) => (a.type === "model" && b.type === "model" ? a.parameters - b.parameters : 0));
  return [...models, ...scorers.filter((s) => s.type === "baseline")];
}

/** Every scorer of any of the result files, once (as first seen), in page order. */
export function distinctScorers(results: readonly ResultFile[]): ScorerInfo[] {
  const byId = new Map<string, ScorerInfo>();
  for (const result of results) for (const s of result.scorers) if (!byId.has(s.id)) byId.set(s.id, s);
  return orderedScorers([...byId.values()]);
}

/** The aggregate statistic a metric name stands for. */
export function metricInterval(a: Aggregate, metric: MainMetric): Interval | null {
  switch (metric) {
    case "p_first":
      return a.mean_p_first;
    case "p_answer":
      return a.mean_p_answer;
    case "top1":
      return a.top1_rate;
    case "logit_diff":
      return a.mean_logit_diff;
  }
}

export const metricLabels: Record<MainMetric, string> = {
  p_first: "mean p(first answer token)",
  p_answer: "mean p(answer)",
  top1: "top-1 rate",
  logit_diff: "mean logit difference (answer - wrong)",
};

/** A short label saying what produced a scorer's numbers (replicas and fixtures are never "published"). */
export function scorerKindLabel(s: ScorerInfo): string {
  if (s.type === "baseline") return "baseline";
  return { published: "published model", replica: "replica (not the published weights)", fixture: "test fixture (random weights)", local: "local checkpoint" }[s.kind];
}

export function scorerShape(s: ScorerInfo): string {
  return s.type === "model" ? `${s.layers} x ${s.width}` : "";
}

export function fmt(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  if (x !== 0 && Math.abs(x) < 10 ** -digits) return x.toExponential(1);
  return x.toFixed(digits);
}

export function fmtInterval(i: Interval | null, digits = 3): string {
  return i ? `${fmt(i.value, digits)} [${fmt(i.low, digits)}, ${fmt(i.high, digits)}]` : "–";
}

/** A signed number: "+" before positive values (effects and attributions read as changes). */
export function fmtSigned(x: number, digits = 3): string {
  return x > 0 ? `+${fmt(x, digits)}` : fmt(x, digits);
}

/** Whether any item of the task has a wrong answer (the logit-difference metric exists). */
export function hasWrongAnswers(result: ResultFile): boolean {
  return result.items.some((i) => i.wrong !== undefined);
}

/** A model that is not published TinyStories weights (replica, fixture, local checkpoint): marked wherever shown. */
export function isStandIn(s: ScorerInfo): boolean {
  return s.type === "model" && s.kind !== "published";
}

/** Replicas or fixtures among the scorers: pages must say their numbers do not come from published models. */
export function nonPublishedModels(scorers: ScorerInfo[]): ScorerInfo[] {
  return scorers.filter(isStandIn);
}
