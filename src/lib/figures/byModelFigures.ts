// Per model and baseline, one aggregate with its interval: the task's main metric, and the top-1 rate the
// verdict rule is stated on (drawn with the threshold and each verdict).
import type { ResultFile } from "../results/resultSchema.ts";
import { metricInterval, metricLabels, type MainMetric } from "../site/resultViews.ts";
import { count, figureSource, intervalSentence, provenanceSentence, scorersSentence } from "./captions.ts";
import { fillSpec } from "./chartSpecs.ts";
import type { FigureDef, Row } from "./figureTypes.ts";
import { figureId } from "./ids.ts";
import { scorerFields } from "./scorerFields.ts";

const columns = ["scorer", "label", "type", "kind", "parameters", "order", "metric", "value", "low", "high", "n", "skipped", "has_capability"];

/** Rows: the scorer's aggregate of `metric` over all items, in size order. */
export function byModelRows(result: ResultFile, metric: MainMetric): Row[] {
  return scorerFields(result).map((f) => {
    const a = result.aggregates[f.scorer];
    const i = metricInterval(a, metric);
    return { ...f, metric, value: i?.value ?? null, low: i?.low ?? null, high: i?.high ?? null, n: a.n, skipped: a.skipped, has_capability: a.has_capability ? "yes" : "no" };
  });
}

/** The verdict threshold on this metric, where the rule is stated on it. */
function thresholdRules(result: ResultFile, metric: MainMetric): Row[] {
  const rule = result.task.verdict;
  if (metric === "top1") return [{ at: rule.minTop1, text: `verdict needs top-1 rate >= ${rule.minTop1}` }];
  if (metric === "logit_diff") return [{ at: rule.minMeanLogitDiff, text: `verdict needs mean > ${rule.minMeanLogitDiff}` }];
  return [];
}

export function mainMetricFigure(result: ResultFile): FigureDef {
  const task = result.task.id;
  const metric = result.task.mainMetric;
  const rows = byModelRows(result, metric);
  const rules = thresholdRules(result, metric);
  const threshold = rules.length ? ` The dashed line is the verdict threshold (${result.task.verdictText}).` : "";
  return {
    id: figureId(task, "main-metric"),
    kind: "main-metric",
    task,
    title: `${result.task.title}: ${metricLabels[metric]} by model`,
    caption:
      `${capitalize(metricLabels[metric])} on the ${count(result.items.length, "item")} of task ${task}, for ${scorersSentence(result)} ` +
      `Points are the statistic over all items, bars its interval. ${intervalSentence(result)}${threshold} ${provenanceSentence(result)}`,
    columns,
    rows,
    extra: { rules },
    spec: fillSpec("mainMetric", { task, metricLabel: metricLabels[metric] }, rows, { rules }),
    source: figureSource(result),
  };
}

export function top1Figure(result: ResultFile): FigureDef {
  const task = result.task.id;
  const rows = byModelRows(result, "top1");
  const rules = thresholdRules(result, "top1");
  return {
    id: figureId(task, "top1"),
    kind: "top1",
    task,
    title: `${result.task.title}: top-1 rate and verdict by model`,
    caption:
      `Share of the ${count(result.items.length, "item")} of task ${task} whose answer's first token is the most likely next token, for ${scorersSentence(result)} ` +
      `The dashed line is the top-1 part of the verdict rule; the right column is each verdict (${result.task.verdictText}). ` +
      `${intervalSentence(result)} ${provenanceSentence(result)}`,
    columns,
    rows,
    extra: { rules },
    spec: fillSpec("top1", { task }, rows, { rules }),
    source: figureSource(result),
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
