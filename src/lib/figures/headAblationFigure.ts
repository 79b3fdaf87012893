// Per model, the head-ablation map: the mean change of the task's metric when each head is zeroed, as a
// layers x heads heatmap (one panel per model), the top heads outlined; the page's mechanism panel opens a
// head's attention on the items when a reader clicks its cell.
import { labelTarget } from "../mechanisms/labelWords.ts";
import type { MechanismFile } from "../mechanisms/mechanismSchema.ts";
import type { ResultFile } from "../results/resultSchema.ts";
import { fillSpec } from "./chartSpecs.ts";
import type { FigureDef, Row } from "./figureTypes.ts";
import { figureId } from "./ids.ts";
import { evidenceMetric, mechanismModelFields, mechanismModelsSentence, mechanismProvenanceSentence, mechanismSource } from "./mechanismFigureParts.ts";

const columns = ["model", "label", "order", "layer", "head", "name", "effect", "sem", "hurt_share", "top_rank", "top", "attention", "attention_mass"];

/** One row per model, layer and head (layer-major); s.e. and share hurt only for the top heads, which the file lists. */
export function headAblationRows(result: ResultFile, file: MechanismFile): Row[] {
  return file.models.flatMap((m, order) => {
    const fields = mechanismModelFields(result, m, order);
    const top = new Map(m.ablation.topHeads.map((t, i) => [t.head, { ...t, rank: i + 1 }]));
    const labels = new Map(m.attention.map((a) => [a.head, a.label]));
    return m.ablation.effects.flatMap((row, layer) =>
      row.map((effect, head) => {
        const name = `${layer}.${head}`;
        const t = top.get(name);
        const label = labels.get(name);
        return {
          ...fields,
          layer,
          head,
          name,
          effect,
          sem: t?.sem ?? null,
          hurt_share: t?.hurtShare ?? null,
          top_rank: t?.rank ?? null,
          top: t ? "top head" : "other",
          attention: label ? `${label.name}: ${labelTarget(label)}` : null,
          attention_mass: label?.mass ?? null,
        };
      }),
    );
  });
}

export function headAblationFigure(result: ResultFile, file: MechanismFile): FigureDef {
  const task = result.task.id;
  const rows = headAblationRows(result, file);
  const metric = evidenceMetric(file);
  const tops = file.models[0].ablation.topHeads.length;
  return {
    id: figureId(task, "head-ablation"),
    kind: "head-ablation",
    task,
    title: `${result.task.title}: effect of zeroing each attention head, by model`,
    caption:
      `For each head (layer x head, from 0) of each model, the mean change in ${metric.long} over the task's items when that head's output is zeroed, ` +
      `for ${mechanismModelsSentence(file)} Red: the metric drops, so the head helps; blue: it rises; white: no change (the colour scale is shared by the panels). ` +
      `The ${tops} heads with the largest |effect| per model are outlined; their standard errors and attention labels are in the tooltips and the heads table on the page. ` +
      mechanismProvenanceSentence(file),
    columns,
    rows,
    extra: {},
    spec: fillSpec("headAblation", { task, metricLabel: metric.short }, rows),
    source: mechanismSource(result, file),
  };
}
