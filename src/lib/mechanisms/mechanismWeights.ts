// The weights the attributions need (unembedding, final LayerNorm, each block's two output projections),
// read from the mechanism graph's own initializers: exactly the numbers the graph ran with, and no need
// for the checkpoint once a model is prepared.
import fs from "node:fs";
import path from "node:path";
import onnxProto from "onnx-proto";
import { mlpWidth, parseGptNeoConfig } from "../models/gptNeoConfig.ts";
import { preparedFiles } from "../models/preparedManifest.ts";
import { typedArrayFromBytes } from "../models/tensor.ts";

const { onnx } = onnxProto;

export interface Projection {
  /** Stored [out, in], as in the checkpoint (y = W x + b). */
  weight: Float32Array;
  bias: Float32Array;
}

export interface MechanismWeights {
  layers: number;
  heads: number;
  /** Residual stream width. */
  d: number;
  /** MLP width (neurons per layer). */
  dMlp: number;
  vocab: number;
  /** Token embedding = tied unembedding [vocab, d]. */
  wte: Float32Array;
  /** Mean unembedding row over the vocabulary [d]: logit(x) - mean logit = LN(h) . (W_U[x] - this). */
  wteMean: Float64Array;
  lnF: { weight: Float32Array; bias: Float32Array; eps: number };
  /** Attention output projection per block: [d, d]. */
  attnOut: Projection[];
  /** MLP output projection per block: [d, dMlp]. */
  mlpOut: Projection[];
}

/** MLP neurons per block of a prepared model. */
export function preparedMlpWidth(preparedDir: string): number {
  const configFile = path.join(preparedDir, preparedFiles.config);
  return mlpWidth(parseGptNeoConfig(fs.readFileSync(configFile, "utf8"), { file: configFile }));
}

/** The weights of a prepared model (its folder), from onnx/mechanism.onnx and config.json. */
export function readMechanismWeights(preparedDir: string, mechanismOnnx?: Uint8Array): MechanismWeights {
  const configFile = path.join(preparedDir, preparedFiles.config);
  const config = parseGptNeoConfig(fs.readFileSync(configFile, "utf8"), { file: configFile });
  const bytes = mechanismOnnx ?? new Uint8Array(fs.readFileSync(path.join(preparedDir, preparedFiles.onnxMechanism)));
  const tensors = new Map((onnx.ModelProto.decode(bytes).graph?.initializer ?? []).map((t) => [t.name ?? "", t]));
  const read = (name: string, size: number): Float32Array => {
    const t = tensors.get(name);
    if (!t) throw new Error(`the mechanism graph has no initializer ${name}`);
    const out = typedArrayFromBytes("float32", t.rawData ?? new Uint8Array(0)) as Float32Array; // an aligned copy
    if (out.length !== size) throw new Error(`${name} has ${out.length} values, expected ${size}`);
    return out;
  };
  const d = config.hidden_size;
  const dMlp = mlpWidth(config);
  const vocab = config.vocab_size;
  const wte = read("transformer.wte.weight", vocab * d);
  const proj = (l: number, name: string, inWidth: number): Projection => ({
    weight: read(`transformer.h.${l}.${name}.weight`, d * inWidth),
    bias: read(`transformer.h.${l}.${name}.bias`, d),
  });
  const layers = Array.from({ length: config.num_layers }, (_, l) => l);
  return {
    layers: config.num_layers,
    heads: config.num_heads,
    d,
    dMlp,
    vocab,
    wte,
    wteMean: meanRow(wte, vocab, d),
    lnF: { weight: read("transformer.ln_f.weight", d), bias: read("transformer.ln_f.bias", d), eps: config.layer_norm_epsilon },
    attnOut: layers.map((l) => proj(l, "attn.attention.out_proj", d)),
    mlpOut: layers.map((l) => proj(l, "mlp.c_proj", dMlp)),
  };
}

function meanRow(m: Float32Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c] += m[r * cols + c];
  return out.map((x) => x / rows);
}
