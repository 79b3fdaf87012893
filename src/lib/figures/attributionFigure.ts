// Per model, direct logit attribution at the final prompt position: the embedding, each block's attention
// and MLP, and the final LayerNorm's bias, which add up to the actual mean (drawn as the last bar).
import type { MechanismFile } from "../mechanisms/mechanismSchema.ts";
import type { ResultFile } from "../results/resultSchema.ts";
import { fillSpec } from "./chartSpecs.ts";
import type { FigureDef, Row } from "./figureTypes.ts";
import { figureId } from "./ids.ts";
import { attributionMetric, mechanismModelFields, mechanismModelsSentence, mechanismProvenanceSentence, mechanismSource } from "./mechanismFigureParts.ts";

const columns = ["model", "label", "order", "index", "component", "kind", "layer", "value", "actual", "sum", "max_abs_error"];

export const TOTAL_COMPONENT = "total (actual)";

/** Per model: embedding, attention 0, MLP 0, attention 1, ..., LayerNorm bias, then the total (the actual mean). */
export function attributionRows(result: ResultFile, file: MechanismFile): Row[] {
  return file.models.flatMap((m, order) => {
    const fields = mechanismModelFields(result, m, order);
    const a = m.attribution;
    const common = { actual: a.actual, sum: a.sum, max_abs_error: a.maxAbsError };
    const parts: Array<{ component: string; kind: string; layer: number | null; value: number }> = [
      { component: "embedding", kind: "embedding", layer: null, value: a.embed },
      ...a.attn.flatMap((attn, layer) => [
        { component: `attention ${layer}`, kind: "attention", layer, value: attn },
        { component: `MLP ${layer}`, kind: "MLP", layer, value: a.mlp[layer] },
      ]),
      { component: "LayerNorm bias", kind: "LayerNorm bias", layer: null, value: a.lnBias },
      { component: TOTAL_COMPONENT, kind: TOTAL_COMPONENT, layer: null, value: a.actual },
    ];
    return parts.map((p, index) => ({ ...fields, index, ...p, ...common }));
  });
}

export function attributionFigure(result: ResultFile, file: MechanismFile): FigureDef {
  const task = result.task.id;
  const rows = attributionRows(result, file);
  const metric = attributionMetric(file);
  const worst = Math.max(...file.models.map((m) => m.attribution.maxAbsError));
  return {
    id: figureId(task, "attribution"),
    kind: "attribution",
    task,
    title: `${result.task.title}: direct logit attribution by component, by model`,
    caption:
      `Direct logit attribution of the ${metric.long} at the final prompt position, averaged over the items, for ${mechanismModelsSentence(file)} ` +
      `Bars: the token and position embedding, each block's attention output and MLP output (with their output biases), and the final LayerNorm's bias term, ` +
      `read through the final LayerNorm with its scale frozen per item; they add up to the black bar, the actual mean from the model's logits ` +
      `(largest per-item difference between the sum and the actual value: ${worst.toExponential(1)}, float32 rounding). ${mechanismProvenanceSentence(file)}`,
    columns,
    rows,
    extra: {},
    spec: fillSpec("attribution", { task, attributionLabel: metric.axis }, rows),
    source: mechanismSource(result, file),
  };
}
