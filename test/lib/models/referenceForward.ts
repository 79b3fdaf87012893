// A plain float64 GPT-Neo forward pass written from the equations, for tests: small models only. It can
// scale heads and remove a layer's attention, so the ONNX graph's head_mask can be checked against an
// independent computation (which is itself checked against PyTorch's reference logits).
import type { GptNeoConfig } from "../../../src/lib/models/gptNeoConfig.ts";
import { type StateDict, asFloat32 } from "../../../src/lib/models/tensor.ts";

export interface ReferenceOptions {
  /** headScale[layer][head] multiplies that head's output (default 1). */
  headScale?: number[][];
  /** Layers whose attention heads all contribute nothing (the output projection's bias stays). */
  attentionOff?: Set<number>;
}

export interface ReferenceOutput {
  /** logits[t][v] */
  logits: Float64Array[];
  /** attnOut[layer][t][i] */
  attnOut: Float64Array[][];
}

export function referenceForward(config: GptNeoConfig, sd: StateDict, ids: number[], opts: ReferenceOptions = {}): ReferenceOutput {
  const d = config.hidden_size;
  const nh = config.num_heads;
  const hd = d / nh;
  const T = ids.length;
  const W = (name: string) => asFloat32(sd.get(name)!);
  const wte = W("transformer.wte.weight");
  const wpe = W("transformer.wpe.weight");
  let x: Float64Array[] = ids.map((id, t) => Float64Array.from({ length: d }, (_, i) => wte[id * d + i] + wpe[t * d + i]));
  const ln = (v: Float64Array, g: Float32Array, b: Float32Array) => {
    let mean = 0;
    for (const a of v) mean += a;
    mean /= d;
    let variance = 0;
    for (const a of v) variance += (a - mean) ** 2;
    variance /= d;
    const inv = 1 / Math.sqrt(variance + config.layer_norm_epsilon);
    return Float64Array.from(v, (a, i) => (a - mean) * inv * g[i] + b[i]);
  };
  // y = W v (+ b) with W stored [out, in].
  const linear = (v: Float64Array, w: Float32Array, out: number, b?: Float32Array) =>
    Float64Array.from({ length: out }, (_, o) => {
      let s = b ? b[o] : 0;
      for (let i = 0; i < v.length; i++) s += w[o * v.length + i] * v[i];
      return s;
    });
  const gelu = (a: number) => 0.5 * a * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (a + 0.044715 * a ** 3)));
  const attnOut: Float64Array[][] = [];
  for (let l = 0; l < config.num_layers; l++) {
    const p = `transformer.h.${l}.`;
    const h = x.map((v) => ln(v, W(p + "ln_1.weight"), W(p + "ln_1.bias")));
    const q = h.map((v) => linear(v, W(p + "attn.attention.q_proj.weight"), d));
    const k = h.map((v) => linear(v, W(p + "attn.attention.k_proj.weight"), d));
    const val = h.map((v) => linear(v, W(p + "attn.attention.v_proj.weight"), d));
    const local = config.attention_layers[l] === "local";
    const z = Array.from({ length: T }, () => new Float64Array(d));
    for (let head = 0; head < nh; head++) {
      const scale = opts.attentionOff?.has(l) ? 0 : (opts.headScale?.[l]?.[head] ?? 1);
      for (let i = 0; i < T; i++) {
        const keys: number[] = [];
        for (let j = 0; j <= i; j++) if (!local || i - j < config.window_size) keys.push(j);
        const s = keys.map((j) => {
          let dot = 0;
          for (let c = 0; c < hd; c++) dot += q[i][head * hd + c] * k[j][head * hd + c]; // no 1/sqrt(d)
          return dot;
        });
        const m = Math.max(...s);
        const e = s.map((a) => Math.exp(a - m));
        const sum = e.reduce((a, b) => a + b, 0);
        keys.forEach((j, n) => {
          for (let c = 0; c < hd; c++) z[i][head * hd + c] += (scale * e[n] * val[j][head * hd + c]) / sum;
        });
      }
    }
    const a = z.map((v) => linear(v, W(p + "attn.attention.out_proj.weight"), d, W(p + "attn.attention.out_proj.bias")));
    attnOut.push(a);
    x = x.map((v, t) => Float64Array.from(v, (u, i) => u + a[t][i]));
    const m = x.map((v) => ln(v, W(p + "ln_2.weight"), W(p + "ln_2.bias")));
    const fc = m.map((v) => linear(v, W(p + "mlp.c_fc.weight"), 4 * d, W(p + "mlp.c_fc.bias")).map(gelu));
    const out = fc.map((v) => linear(v, W(p + "mlp.c_proj.weight"), d, W(p + "mlp.c_proj.bias")));
    x = x.map((v, t) => Float64Array.from(v, (u, i) => u + out[t][i]));
  }
  const logits = x.map((v) => {
    const f = ln(v, W("transformer.ln_f.weight"), W("transformer.ln_f.bias"));
    return Float64Array.from({ length: config.vocab_size }, (_, id) => {
      let s = 0;
      for (let i = 0; i < d; i++) s += wte[id * d + i] * f[i];
      return s;
    });
  });
  return { logits, attnOut };
}
