// The final LayerNorm and the unembedding as a linear readout of the residual stream, with the LayerNorm's
// scale frozen at its actual value on the item. With h = sum of components c (embedding, every attention
// and MLP output), LN(h) = gamma * (h - mean(h)) / s + beta, s = sqrt(var(h) + eps). Centering is linear,
// so for a readout direction u (W_U[correct] - W_U[wrong], or W_U[correct] - the mean row):
//   u . LN(h) = sum_c c . v / s + beta . u,   v = gamma * u - mean(gamma * u)
// and each component's share c . v / s adds up exactly to the logit difference.
import type { MechanismWeights } from "./mechanismWeights.ts";

/** What is read out: against the wrong answer's first token, or against the mean logit over the vocabulary. */
export type ReadoutTarget = "wrong" | "vocab-mean";

export interface Readout {
  target: ReadoutTarget;
  /** gamma * u, centered: c . v / scale is a component's contribution. */
  v: Float64Array;
  /** beta . u: the LayerNorm bias's contribution (the same for every item with these tokens). */
  biasTerm: number;
}

/** The readout direction of (answer, wrong) or, with no wrong answer, answer vs the vocabulary's mean. */
export function readout(w: MechanismWeights, answer: number, wrong: number | null): Readout {
  const d = w.d;
  const u = new Float64Array(d);
  for (let i = 0; i < d; i++) u[i] = w.wte[answer * d + i] - (wrong === null ? w.wteMean[i] : w.wte[wrong * d + i]);
  const v = new Float64Array(d);
  let biasTerm = 0;
  let mean = 0;
  for (let i = 0; i < d; i++) {
    v[i] = w.lnF.weight[i] * u[i];
    mean += v[i] / d;
    biasTerm += w.lnF.bias[i] * u[i];
  }
  for (let i = 0; i < d; i++) v[i] -= mean;
  return { target: wrong === null ? "vocab-mean" : "wrong", v, biasTerm };
}

/** The LayerNorm scale s = sqrt(var(h) + eps) of a residual vector (population variance, as the op). */
export function layerNormScale(h: ArrayLike<number>, eps: number): number {
  const d = h.length;
  let mean = 0;
  for (let i = 0; i < d; i++) mean += h[i] / d;
  let variance = 0;
  for (let i = 0; i < d; i++) variance += (h[i] - mean) ** 2 / d;
  return Math.sqrt(variance + eps);
}

/** A component's contribution c . v / scale. */
export function contribution(c: ArrayLike<number>, r: Readout, scale: number): number {
  let s = 0;
  for (let i = 0; i < r.v.length; i++) s += c[i] * r.v[i];
  return s / scale;
}

/** The readout of the whole residual vector: the logit difference itself. */
export function readResidual(h: ArrayLike<number>, r: Readout, eps: number): number {
  return contribution(h, r, layerNormScale(h, eps)) + r.biasTerm;
}

/** log p(answer) from a final residual vector: the full vocabulary's logits (for items without a wrong answer). */
export function answerLogprob(h: ArrayLike<number>, w: MechanismWeights, answer: number): number {
  const d = w.d;
  const scale = layerNormScale(h, w.lnF.eps);
  let mean = 0;
  for (let i = 0; i < d; i++) mean += h[i] / d;
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) y[i] = ((h[i] - mean) / scale) * w.lnF.weight[i] + w.lnF.bias[i];
  const logits = new Float64Array(w.vocab);
  let max = -Infinity;
  for (let t = 0; t < w.vocab; t++) {
    let s = 0;
    for (let i = 0; i < d; i++) s += w.wte[t * d + i] * y[i];
    logits[t] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let t = 0; t < w.vocab; t++) sum += Math.exp(logits[t] - max);
  return logits[answer] - max - Math.log(sum);
}
