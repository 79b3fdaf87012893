// Direct logit attribution at the answer position (frozenLayerNorm.ts): how much the embedding, each
// block's attention (each head, and the output projection's bias) and each block's MLP push the logit
// difference, with the final LayerNorm's scale frozen at its actual value. The parts add up to the
// logit difference: embed + sum(attn) + sum(mlp) + lnBias, with attn[l] = sum(heads of l) + attnBias[l].
import { type Readout, type ReadoutTarget, contribution, layerNormScale } from "./frozenLayerNorm.ts";
import type { MechanismWeights } from "./mechanismWeights.ts";

/** One item's activations at the answer position, as the mechanism graph outputs them. */
export interface AnswerActivations {
  /** blocks.0.hook_resid_pre: token + position embedding [d]. */
  embed: ArrayLike<number>;
  /** blocks.L.hook_attn_out per block [d]. */
  attnOut: ArrayLike<number>[];
  /** blocks.L.hook_mlp_out per block [d]. */
  mlpOut: ArrayLike<number>[];
  /** blocks.L.attn.hook_z per block [heads * head_dim]. */
  z: ArrayLike<number>[];
  /** blocks.L.mlp.hook_post per block [d_mlp]. */
  mlpPost: ArrayLike<number>[];
  /** The residual stream after the last block [d]: its LayerNorm scale is the one frozen. */
  final: ArrayLike<number>;
}

export interface Attribution {
  target: ReadoutTarget;
  embed: number;
  /** Per block: the whole attention output. */
  attn: number[];
  /** Per head, layer-major [layers * heads]: z_h through its slice of the output projection. */
  heads: number[];
  /** Per block: the attention output projection's bias. */
  attnBias: number[];
  /** Per block: the whole MLP output. */
  mlp: number[];
  /** Per block: the MLP output projection's bias (the rest of mlp[l] is its neurons). */
  mlpBias: number[];
  /** The final LayerNorm's bias: beta . u. */
  lnBias: number;
  /** The frozen scale s used. */
  scale: number;
}

export function directLogitAttribution(act: AnswerActivations, w: MechanismWeights, r: Readout): Attribution {
  const scale = layerNormScale(act.final, w.lnF.eps);
  const of = (c: ArrayLike<number>) => contribution(c, r, scale);
  const hd = w.d / w.heads;
  const heads: number[] = [];
  for (let l = 0; l < w.layers; l++) {
    // (W_O z) . v = z . (W_O^T v): read v back through the projection once, then split it by head.
    const back = transposedTimes(w.attnOut[l].weight, w.d, w.d, r.v);
    for (let h = 0; h < w.heads; h++) {
      let s = 0;
      for (let j = h * hd; j < (h + 1) * hd; j++) s += act.z[l][j] * back[j];
      heads.push(s / scale);
    }
  }
  return {
    target: r.target,
    embed: of(act.embed),
    attn: act.attnOut.map(of),
    heads,
    attnBias: w.attnOut.map((p) => of(p.bias)),
    mlp: act.mlpOut.map(of),
    mlpBias: w.mlpOut.map((p) => of(p.bias)),
    lnBias: r.biasTerm,
    scale,
  };
}

/** The total the parts add up to: embed + attention + MLP + LayerNorm bias. */
export function attributionSum(a: Pick<Attribution, "embed" | "attn" | "mlp" | "lnBias">): number {
  return a.embed + a.attn.reduce((x, y) => x + y, 0) + a.mlp.reduce((x, y) => x + y, 0) + a.lnBias;
}

/** W^T v for W stored [rows, cols] (row-major): a vector of length cols. */
export function transposedTimes(weight: Float32Array, rows: number, cols: number, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const vi = v[i];
    const at = i * cols;
    for (let k = 0; k < cols; k++) out[k] += weight[at + k] * vi;
  }
  return out;
}
