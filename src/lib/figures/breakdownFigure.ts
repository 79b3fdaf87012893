// The main metric per tag group (source, distance, ...) and per model and baseline, from the result
// file's breakdowns: where a capability holds and where it breaks.
import type { ResultFile } from "../results/resultSchema.ts";
import { metricInterval, metricLabels } from "../site/resultViews.ts";
import { count, figureSource, intervalSentence, provenanceSentence, scorersSentence } from "./captions.ts";
import { fillSpec } from "./chartSpecs.ts";
import type { FigureDef, Row } from "./figureTypes.ts";
import { figureId } from "./ids.ts";
import { scorerFields } from "./scorerFields.ts";
import { chartedTagGroups, MAX_VALUES, tagParts } from "./tagGroups.ts";

const columns = ["group", "tag", "tag_label", "tag_index", "scorer", "label", "type", "order", "metric", "value", "low", "high", "n"];

/** One row per charted tag and scorer: the breakdown aggregate of the main metric. */
export function breakdownRows(result: ResultFile): Row[] {
  const metric = result.task.mainMetric;
  const scorers = scorerFields(result);
  const groups = chartedTagGroups(Object.values(result.breakdowns).flatMap((b) => Object.keys(b)));
  const tagged = new Map<string, number>();
  for (const item of result.items) for (const tag of item.tags) tagged.set(tag, (tagged.get(tag) ?? 0) + 1);
  // tag_index: the tag's position on the chart, groups in order and values in order within each.
  return groups
    .flatMap((g) => g.tags.map((tag) => ({ group: g.group, tag })))
    .flatMap(({ group, tag }, tagIndex) =>
      scorers.flatMap((f) => {
        const a = result.breakdowns[f.scorer]?.[tag];
        if (!a) return [];
        const i = metricInterval(a, metric);
        const tagLabel = `${group}: ${tagParts(tag).value} (${count(tagged.get(tag) ?? 0, "item")})`;
        return [{ group, tag, tag_label: tagLabel, tag_index: tagIndex, scorer: f.scorer, label: f.label, type: f.type, order: f.order, metric, value: i?.value ?? null, low: i?.low ?? null, high: i?.high ?? null, n: a.n }];
      }),
    );
}

/** Null where no tag group has two to MAX_VALUES values. */
export function breakdownFigure(result: ResultFile): FigureDef | null {
  const rows = breakdownRows(result);
  if (!rows.length) return null;
  const task = result.task.id;
  const metric = result.task.mainMetric;
  const groups = [...new Set(rows.map((r) => r.group))];
  return {
    id: figureId(task, "breakdown"),
    kind: "breakdown",
    task,
    title: `${result.task.title}: ${metricLabels[metric]} by item group`,
    caption:
      `${metricLabels[metric].replace(/^./, (c) => c.toUpperCase())} over the items of task ${task} with each tag, tags grouped by kind (${groups.join(", ")}), ` +
      `for ${scorersSentence(result)} Each tag holds a subset of the task's ${count(result.items.length, "item")} (its count is in the label), so its intervals are wider. ` +
      `Template tags and groups with more than ${MAX_VALUES} values are not drawn. ${intervalSentence(result)} ${provenanceSentence(result)}`,
    columns,
    rows,
    extra: {},
    spec: fillSpec("breakdown", { task, metricLabel: metricLabels[metric] }, rows),
    source: figureSource(result),
  };
}
