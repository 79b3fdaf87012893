// MLP neurons' direct logit attribution: neuron n of block l writes post_n * W_out[:, n] into the residual
// stream, so its share of the logit difference is post_n * (W_out[:, n] . v) / s (frozenLayerNorm.ts).
// A block's neurons plus its output bias add up to that block's MLP contribution. The neurons a task
// rests on are those with the largest mean attribution in absolute value over its items.
import { transposedTimes } from "./directLogitAttribution.ts";
import type { Readout } from "./frozenLayerNorm.ts";
import type { MechanismWeights } from "./mechanismWeights.ts";

/** Neurons kept per task and model. */
export const NEURONS_PER_TASK = 5;

/** Every neuron's attribution, layer-major [layers * d_mlp]. */
export function neuronAttribution(mlpPost: ArrayLike<number>[], w: MechanismWeights, r: Readout, scale: number): Float64Array {
  const out = new Float64Array(w.layers * w.dMlp);
  for (let l = 0; l < w.layers; l++) {
    const back = transposedTimes(w.mlpOut[l].weight, w.d, w.dMlp, r.v);
    for (let n = 0; n < w.dMlp; n++) out[l * w.dMlp + n] = (mlpPost[l][n] * back[n]) / scale;
  }
  return out;
}

export interface SelectedNeuron {
  layer: number;
  index: number;
  /** Mean attribution over the items. */
  attribution: number;
}

/** The `count` neurons with the largest |mean attribution| over items (ties: lower layer, then index). */
export function selectNeurons(perItem: ArrayLike<number>[], dMlp: number, count = NEURONS_PER_TASK): SelectedNeuron[] {
  if (perItem.length === 0) return [];
  const size = perItem[0].length;
  const mean = new Float64Array(size);
  for (const a of perItem) for (let i = 0; i < size; i++) mean[i] += a[i] / perItem.length;
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => Math.abs(mean[b]) - Math.abs(mean[a]) || a - b);
  return order.slice(0, count).map((i) => ({ layer: Math.floor(i / dMlp), index: i % dMlp, attribution: mean[i] }));
}
