// The GPT-Neo body as ONNX nodes, following HF GPTNeoForCausalLM exactly: learned positions, pre-LayerNorm
// blocks, global/local attention without 1/sqrt(d) scaling, gelu_new. Returns the tensors that heads and
// internal outputs are built from; the final LayerNorm and the tied unembedding live in gptNeoHeads.ts.
import { AtlasError } from "../../errors.ts";
import { type GptNeoConfig, mlpWidth } from "../gptNeoConfig.ts";
import { type StateDict, asFloat32 } from "../tensor.ts";
import type { OnnxGraph } from "./onnxGraph.ts";

// HF fills masked scores with torch.finfo(float32).min before the softmax.
const FLOAT32_MIN = -3.4028234663852886e38;

export interface LayerTensors {
  /** Attention probabilities [batch, heads, query, key]. */
  pattern: string;
  /** Each head's output before the output projection [batch, seq, heads, head_dim]. */
  z: string;
  /** The attention sublayer's output, added to the residual stream [batch*seq, d]. */
  attnOut: string;
  /** MLP neuron activations after gelu_new [batch*seq, mlp]. */
  mlpPost: string;
  /** The MLP sublayer's output, added to the residual stream [batch*seq, d]. */
  mlpOut: string;
  /** The residual stream after the block [batch*seq, d]. */
  residPost: string;
}

export interface BodyTensors {
  inputIds: string;
  /** Shape of input_ids: [batch, seq]. */
  shape2: string;
  /** Token embedding weight [vocab, d], shared with the unembedding. */
  wte: string;
  /** Token + position embedding, the residual stream before block 0 [batch*seq, d]. */
  embed: string;
  layers: LayerTensors[];
  /** The residual stream after the last block [batch*seq, d]. */
  final: string;
}

/**
 * Builds the body. With `headMask` (the name of a float input [layers, heads]), each head's output is
 * scaled by its entry before the output projection (1 leaves it unchanged, 0 ablates the head; the
 * projection's bias is not any head's and stays).
 */
export function buildGptNeoBody(g: OnnxGraph, config: GptNeoConfig, weights: StateDict, opts: { headMask?: string; model?: string } = {}): BodyTensors {
  const d = config.hidden_size;
  const nHeads = config.num_heads;
  const headDim = d / nHeads;
  const w = weightReader(weights, opts.model);

  const inputIds = g.input("input_ids", "int64", ["batch", "sequence"]);
  const shape2 = g.op1("Shape", [inputIds]);
  const seqLen = g.op1("Gather", [shape2, g.constInt64([1], true)], { axis: 0 }, "seq_len");
  const positions = g.op1("Range", [g.constInt64([0], true), seqLen, g.constInt64([1], true)], {}, "positions");

  const wte = g.initializer("transformer.wte.weight", [config.vocab_size, d], w("transformer.wte.weight", [config.vocab_size, d]));
  const wpe = g.initializer("transformer.wpe.weight", [config.max_position_embeddings, d], w("transformer.wpe.weight", [config.max_position_embeddings, d]));
  const embedded = g.op1("Add", [g.op1("Gather", [wte, inputIds]), g.op1("Gather", [wpe, positions])], {}, "embed");

  // The residual stream is kept 2-D ([batch*seq, d]) so every projection is one Gemm on the stored [out, in] weight.
  const embed = g.op1("Reshape", [embedded, g.constInt64([-1, d])], {}, "resid");
  let resid = embed;
  const masks = buildMasks(g, positions, config.window_size);
  const batchDim = g.op1("Slice", [shape2, g.constInt64([0]), g.constInt64([1])], {}, "batch_dim");
  const headsShape = g.op1("Concat", [batchDim, g.constInt64([-1, nHeads, headDim])], { axis: 0 }, "heads_shape");
  const layers: LayerTensors[] = [];

  for (let layer = 0; layer < config.num_layers; layer++) {
    const p = `transformer.h.${layer}`;
    const layerNorm = (x: string, name: string) =>
      g.op1(
        "LayerNormalization",
        [x, g.initializer(`${p}.${name}.weight`, [d], w(`${p}.${name}.weight`, [d])), g.initializer(`${p}.${name}.bias`, [d], w(`${p}.${name}.bias`, [d]))],
        { axis: -1, epsilon: { float: config.layer_norm_epsilon } },
        `${name}_${layer}`,
      );
    const linear = (x: string, name: string, out: number, inp: number, bias: boolean) => {
      const weight = g.initializer(`${p}.${name}.weight`, [out, inp], w(`${p}.${name}.weight`, [out, inp]));
      const inputs = [x, weight];
      if (bias) inputs.push(g.initializer(`${p}.${name}.bias`, [out], w(`${p}.${name}.bias`, [out])));
      return g.op1("Gemm", inputs, { transB: 1 }, `${name.replaceAll(".", "_")}_${layer}`);
    };

    const x = layerNorm(resid, "ln_1");
    // [batch*seq, d] -> [batch, seq, heads, head_dim]; then transposed to put heads before positions.
    const splitHeads = (t: string) => g.op1("Reshape", [t, headsShape]);
    const q = g.op1("Transpose", [splitHeads(linear(x, "attn.attention.q_proj", d, d, false))], { perm: [0, 2, 1, 3] });
    const kT = g.op1("Transpose", [splitHeads(linear(x, "attn.attention.k_proj", d, d, false))], { perm: [0, 2, 3, 1] });
    const v = g.op1("Transpose", [splitHeads(linear(x, "attn.attention.v_proj", d, d, false))], { perm: [0, 2, 1, 3] });
    const scores = g.op1("MatMul", [q, kT], {}, `scores_${layer}`); // no 1/sqrt(head_dim): GPT-Neo does not scale
    const mask = config.attention_layers[layer] === "local" ? masks.local : masks.causal;
    const pattern = g.op1("Softmax", [g.op1("Add", [scores, mask], {}, `masked_${layer}`)], { axis: -1 }, `pattern_${layer}`);
    let context = g.op1("MatMul", [pattern, v], {}, `context_${layer}`); // [batch, heads, seq, head_dim]
    if (opts.headMask) {
      const scale = g.op1("Reshape", [g.op1("Gather", [opts.headMask, g.constInt64([layer], true)], { axis: 0 }), g.constInt64([1, nHeads, 1, 1])]);
      context = g.op1("Mul", [context, scale], {}, `head_masked_${layer}`);
    }
    const z = g.op1("Transpose", [context], { perm: [0, 2, 1, 3] }, `z_${layer}`);
    const attnOut = linear(g.op1("Reshape", [z, g.constInt64([-1, d])]), "attn.attention.out_proj", d, d, true);
    resid = g.op1("Add", [resid, attnOut], {}, `resid_mid_${layer}`);

    const mlpPost = geluNew(g, linear(layerNorm(resid, "ln_2"), "mlp.c_fc", mlpWidth(config), d, true));
    const mlpOut = linear(mlpPost, "mlp.c_proj", d, mlpWidth(config), true);
    resid = g.op1("Add", [resid, mlpOut], {}, `resid_post_${layer}`);
    layers.push({ pattern, z, attnOut, mlpPost, mlpOut, residPost: resid });
  }
  return { inputIds, shape2, wte, embed, layers, final: resid };
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
export function weightReader(weights: StateDict, model?: string) {
  return (name: string, shape: number[]): Float32Array => {
    const t = weights.get(name);
    if (!t) throw new AtlasError(`the checkpoint has no tensor ${name}`, { model });
    if (t.shape.length !== shape.length || t.shape.some((s, i) => s !== shape[i])) {
      throw new AtlasError(`tensor ${name} has shape [${t.shape}], expected [${shape}]`, { model });
    }
    return asFloat32(t);
  };
}
