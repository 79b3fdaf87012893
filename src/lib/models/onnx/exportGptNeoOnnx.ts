// The GPT-Neo forward pass as an ONNX graph, following HF GPTNeoForCausalLM exactly:
// learned positions, pre-LayerNorm blocks, global/local attention without 1/sqrt(d) scaling,
// gelu_new, a final LayerNorm and an unembedding tied to the token embedding.
import { AtlasError } from "../../errors.ts";
import { type GptNeoConfig, mlpWidth } from "../gptNeoConfig.ts";
import { type StateDict, asFloat32 } from "../tensor.ts";
import { OnnxGraph } from "./onnxGraph.ts";
import { activationNames } from "./activationNames.ts";
import { addScoringHead, scoringPositionsInput } from "./scoringHead.ts";

export interface GptNeoExportOptions {
  /**
   * What the graph returns:
   * "logits": logits [batch, seq, vocab] (the browser and reference model);
   * "scores": at the requested positions, the log-probabilities, logits and ranks of given target ids, and
   * the top-k (batch scoring).
   */
  head: "logits" | "scores";
  /** Also output each layer's attention pattern and the residual stream after every block. */
  internals: boolean;
  /** Top-k size of the scoring head. */
  topK?: number;
  /** Strings stored in the model's metadata (provenance). */
  metadata?: Record<string, string>;
  /** Named in error messages. */
  model?: string;
}

// HF fills masked scores with torch.finfo(float32).min before the softmax.
const FLOAT32_MIN = -3.4028234663852886e38;

export function exportGptNeoOnnx(config: GptNeoConfig, weights: StateDict, options: GptNeoExportOptions): Uint8Array {
  const g = new OnnxGraph();
  const d = config.hidden_size;
  const nHeads = config.num_heads;
  const headDim = d / nHeads;
  const w = weightReader(weights, options.model);

  const inputIds = g.input("input_ids", "int64", ["batch", "sequence"]);
  const seqLen = g.op1("Gather", [g.op1("Shape", [inputIds]), g.constInt64([1], true)], { axis: 0 }, "seq_len");
  const positions = g.op1("Range", [g.constInt64([0], true), seqLen, g.constInt64([1], true)], {}, "positions");

  const wte = g.initializer("transformer.wte.weight", [config.vocab_size, d], w("transformer.wte.weight", [config.vocab_size, d]));
  const wpe = g.initializer("transformer.wpe.weight", [config.max_position_embeddings, d], w("transformer.wpe.weight", [config.max_position_embeddings, d]));
  const embedded = g.op1("Add", [g.op1("Gather", [wte, inputIds]), g.op1("Gather", [wpe, positions])], {}, "embed");

  // The residual stream is kept 2-D ([batch*seq, d]) so every projection is one Gemm on the stored [out, in] weight.
  const shape3 = g.op1("Shape", [inputIds]);
  let resid = g.op1("Reshape", [embedded, g.constInt64([-1, d])], {}, "resid");
  const masks = buildMasks(g, positions, config.window_size);
  const batchDim = g.op1("Slice", [shape3, g.constInt64([0]), g.constInt64([1])], {}, "batch_dim");
  const headsShape = g.op1("Concat", [batchDim, g.constInt64([-1, nHeads, headDim])], { axis: 0 }, "heads_shape");
  const internalOutputs: Array<[string, string, "pattern" | "resid"]> = [];

  for (let layer = 0; layer < config.num_layers; layer++) {
    const p = `transformer.h.${layer}`;
    const lnWeights = (name: string) => [
      g.initializer(`${p}.${name}.weight`, [d], w(`${p}.${name}.weight`, [d])),
      g.initializer(`${p}.${name}.bias`, [d], w(`${p}.${name}.bias`, [d])),
    ];
    const linear = (x: string, name: string, out: number, inp: number, bias: boolean) => {
      const weight = g.initializer(`${p}.${name}.weight`, [out, inp], w(`${p}.${name}.weight`, [out, inp]));
      const inputs = [x, weight];
      if (bias) inputs.push(g.initializer(`${p}.${name}.bias`, [out], w(`${p}.${name}.bias`, [out])));
      return g.op1("Gemm", inputs, { transB: 1 }, `${name.replaceAll(".", "_")}_${layer}`);
    };

    const x = g.op1("LayerNormalization", [resid, ...lnWeights("ln_1")], { axis: -1, epsilon: { float: config.layer_norm_epsilon } }, `ln1_${layer}`);
    // [batch*seq, d] -> [batch, seq, heads, head_dim]; then transposed to put heads before positions.
    const splitBatch = (t: string) => g.op1("Reshape", [t, headsShape]);
    const q = g.op1("Transpose", [splitBatch(linear(x, "attn.attention.q_proj", d, d, false))], { perm: [0, 2, 1, 3] });
    const kT = g.op1("Transpose", [splitBatch(linear(x, "attn.attention.k_proj", d, d, false))], { perm: [0, 2, 3, 1] });
    const v = g.op1("Transpose", [splitBatch(linear(x, "attn.attention.v_proj", d, d, false))], { perm: [0, 2, 1, 3] });
    const scores = g.op1("MatMul", [q, kT], {}, `scores_${layer}`); // no 1/sqrt(head_dim): GPT-Neo does not scale
    const mask = config.attention_layers[layer] === "local" ? masks.local : masks.causal;
    const masked = g.op1("Add", [scores, mask], {}, `masked_${layer}`);
    const pattern = g.op1("Softmax", [masked], { axis: -1 }, `pattern_${layer}`);
    const context = g.op1("Transpose", [g.op1("MatMul", [pattern, v])], { perm: [0, 2, 1, 3] });
    const attnOut = linear(g.op1("Reshape", [context, g.constInt64([-1, d])]), "attn.attention.out_proj", d, d, true);
    resid = g.op1("Add", [resid, attnOut], {}, `resid_mid_${layer}`);

    const m = mlpWidth(config);
    const x2 = g.op1("LayerNormalization", [resid, ...lnWeights("ln_2")], { axis: -1, epsilon: { float: config.layer_norm_epsilon } }, `ln2_${layer}`);
    const hidden = geluNew(g, linear(x2, "mlp.c_fc", m, d, true));
    resid = g.op1("Add", [resid, linear(hidden, "mlp.c_proj", d, m, true)], {}, `resid_post_${layer}`);

    if (options.internals) {
      internalOutputs.push([pattern, activationNames.pattern(layer), "pattern"]);
      internalOutputs.push([resid, activationNames.residPost(layer), "resid"]);
    }
  }

  const lnF = [g.initializer("transformer.ln_f.weight", [d], w("transformer.ln_f.weight", [d])), g.initializer("transformer.ln_f.bias", [d], w("transformer.ln_f.bias", [d]))];
  // Tied unembedding: logits = ln_f(h) @ wte^T, read from the same initializer as the embedding.
  const unembed = (rows2d: string, shape: string) =>
    g.op1(
      "Reshape",
      [
        g.op1("Gemm", [g.op1("LayerNormalization", [rows2d, ...lnF], { axis: -1, epsilon: { float: config.layer_norm_epsilon } }, "ln_f"), wte], { transB: 1 }, "unembed"),
        g.op1("Concat", [shape, g.constInt64([config.vocab_size])], { axis: 0 }),
      ],
      {},
      "logits3d",
    );

  if (options.head === "logits") {
    g.output(g.rename(unembed(resid, shape3), "logits"), "float32", ["batch", "sequence", config.vocab_size]);
  } else {
    // Only the requested positions go through ln_f, the unembedding and the reductions: a task item needs
    // a few positions of its sequence, a story every position.
    const positions = g.input(scoringPositionsInput, "int64", ["batch", "positions"]);
    const hidden3d = g.op1("Reshape", [resid, g.op1("Concat", [shape3, g.constInt64([d])], { axis: 0 })]);
    const picked = g.op1("GatherND", [hidden3d, g.op1("Unsqueeze", [positions, g.constInt64([2])])], { batch_dims: 1 }, "picked");
    addScoringHead(g, unembed(g.op1("Reshape", [picked, g.constInt64([-1, d])]), g.op1("Shape", [positions])), options.topK ?? 5);
  }
  for (const [tensor, name, kind] of internalOutputs) {
    if (kind === "pattern") g.output(g.rename(tensor, name), "float32", ["batch", nHeads, "sequence", "sequence"]);
    else g.output(g.rename(g.op1("Reshape", [tensor, g.op1("Concat", [shape3, g.constInt64([d])], { axis: 0 })]), name), "float32", ["batch", "sequence", d]);
  }

  return g.encode({
    producer: "tinystories-capability-atlas",
    version: "1",
    doc: `GPT-Neo ${config.num_layers}x${d}, head ${options.head}${options.internals ? ", with internals" : ""}`,
    properties: options.metadata ?? {},
  });
}

/**
 * Causal and local (windowed) masks of shape [seq, seq], as additive biases: 0 where query i may attend to
 * key j, float32's minimum elsewhere. Adding it gives exactly HF's where(mask, scores, finfo.min) after the
 * softmax (s + 0 = s; s + min rounds to min or -inf, both exp to 0) and is one vectorized pass.
 */
function buildMasks(g: OnnxGraph, positions: string, window: number) {
  const rows = g.op1("Unsqueeze", [positions, g.constInt64([1])]);
  const cols = g.op1("Unsqueeze", [positions, g.constInt64([0])]);
  const distance = g.op1("Sub", [rows, cols], {}, "distance"); // i - j
  const causal = g.op1("GreaterOrEqual", [distance, g.constInt64([0], true)], {}, "causal_mask");
  const local = g.op1("And", [causal, g.op1("Less", [distance, g.constInt64([window], true)])], {}, "local_mask");
  const bias = (allowed: string, name: string) => g.op1("Where", [allowed, g.constFloat([0], true), g.constFloat([FLOAT32_MIN], true)], {}, name);
  return { causal: bias(causal, "causal_bias"), local: bias(local, "local_bias") };
}

/** gelu_new: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), as HF's NewGELUActivation. */
function geluNew(g: OnnxGraph, x: string): string {
  const cube = g.op1("Mul", [g.op1("Mul", [x, x]), x]);
  const inner = g.op1("Add", [x, g.op1("Mul", [cube, g.constFloat([0.044715], true)])]);
  const tanh = g.op1("Tanh", [g.op1("Mul", [inner, g.constFloat([Math.sqrt(2 / Math.PI)], true)])]);
  const onePlus = g.op1("Add", [tanh, g.constFloat([1], true)]);
  return g.op1("Mul", [g.op1("Mul", [x, g.constFloat([0.5], true)]), onePlus], {}, "gelu");
}

/** Reads a float32 weight by name, checking its shape; names the model and tensor when absent or wrong. */
function weightReader(weights: StateDict, model?: string) {
  return (name: string, shape: number[]): Float32Array => {
    const t = weights.get(name);
    if (!t) throw new AtlasError(`the checkpoint has no tensor ${name}`, { model });
    if (t.shape.length !== shape.length || t.shape.some((s, i) => s !== shape[i])) {
      throw new AtlasError(`tensor ${name} has shape [${t.shape}], expected [${shape}]`, { model });
    }
    return asFloat32(t);
  };
}
