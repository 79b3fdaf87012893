// The GPT-Neo forward pass as an ONNX graph, in three variants that share one body (gptNeoBody.ts):
//   "logits":    input_ids -> logits [batch, seq, vocab] (+ patterns and residual stream with internals
//                "browser"): the browser's model and the reference tests' graph;
//   "scores":    input_ids, positions, targets -> log-probabilities, logits and ranks of the targets and the
//                top-k at the requested positions: batch scoring in Node;
//   "mechanism": "scores" + a head_mask input and every internal activation (activationNames.ts) + the
//                logit lens at the requested positions: the evidence producers in Node.
import { type GptNeoConfig, mlpWidth } from "../gptNeoConfig.ts";
import type { StateDict } from "../tensor.ts";
import { activationNames, headMaskInput } from "./activationNames.ts";
import { buildGptNeoBody, weightReader } from "./gptNeoBody.ts";
import { OnnxGraph } from "./onnxGraph.ts";
import { addScoringHead, scoringPositionsInput, scoringTargetsInput } from "./scoringHead.ts";

export interface GptNeoExportOptions {
  /** Which variant (see above). */
  head: "logits" | "scores" | "mechanism";
  /** For "logits": also output each layer's attention pattern and the residual stream after every block. */
  internals?: boolean;
  /** Top-k size of the scoring head. */
  topK?: number;
  /** Strings stored in the model's metadata (provenance). */
  metadata?: Record<string, string>;
  /** Named in error messages. */
  model?: string;
}

export function exportGptNeoOnnx(config: GptNeoConfig, weights: StateDict, options: GptNeoExportOptions): Uint8Array {
  const g = new OnnxGraph();
  const d = config.hidden_size;
  const mechanism = options.head === "mechanism";
  const headMask = mechanism ? g.input(headMaskInput, "float32", [config.num_layers, config.num_heads]) : undefined;
  const body = buildGptNeoBody(g, config, weights, { headMask, model: options.model });
  const w = weightReader(weights, options.model);
  const lnF = [
    g.initializer("transformer.ln_f.weight", [d], w("transformer.ln_f.weight", [d])),
    g.initializer("transformer.ln_f.bias", [d], w("transformer.ln_f.bias", [d])),
  ];
  // Tied unembedding: logits = ln_f(h) @ wte^T, read from the same initializer as the embedding.
  const unembed = (rows2d: string, leadingShape: string) =>
    g.op1(
      "Reshape",
      [
        g.op1("Gemm", [g.op1("LayerNormalization", [rows2d, ...lnF], { axis: -1, epsilon: { float: config.layer_norm_epsilon } }, "ln_f"), body.wte], { transB: 1 }, "unembed"),
        g.op1("Concat", [leadingShape, g.constInt64([config.vocab_size])], { axis: 0 }),
      ],
      {},
      "logits3d",
    );
  const as3d = (t2d: string, width: number) => g.op1("Reshape", [t2d, g.op1("Concat", [body.shape2, g.constInt64([width])], { axis: 0 })]);
  const output3d = (t2d: string, name: string, width: number) => g.output(g.rename(as3d(t2d, width), name), "float32", ["batch", "sequence", width]);

  if (options.head === "logits") {
    g.output(g.rename(unembed(body.final, body.shape2), "logits"), "float32", ["batch", "sequence", config.vocab_size]);
  } else {
    // Only the requested positions go through ln_f, the unembedding and the reductions: a task item needs
    // a few positions of its sequence, a story every position.
    const positions = g.input(scoringPositionsInput, "int64", ["batch", "positions"]);
    const targets = g.input(scoringTargetsInput, "int64", ["batch", "positions", "targets"]);
    const picked = (resid2d: string) => {
      const gathered = g.op1("GatherND", [as3d(resid2d, d), g.op1("Unsqueeze", [positions, g.constInt64([2])])], { batch_dims: 1 }, "picked");
      return unembed(g.op1("Reshape", [gathered, g.constInt64([-1, d])]), g.op1("Shape", [positions]));
    };
    addScoringHead(g, picked(body.final), options.topK ?? 5, targets);
    if (mechanism) {
      // The logit lens: the same readout applied to the residual stream after every block.
      body.layers.forEach((layer, l) => addScoringHead(g, picked(layer.residPost), options.topK ?? 5, targets, activationNames.lens(l)));
    }
  }

  if (options.internals || mechanism) {
    body.layers.forEach((layer, l) => {
      g.output(g.rename(layer.pattern, activationNames.pattern(l)), "float32", ["batch", config.num_heads, "sequence", "sequence"]);
      output3d(layer.residPost, activationNames.residPost(l), d);
    });
  }
  if (mechanism) {
    output3d(body.embed, activationNames.residPre0, d);
    body.layers.forEach((layer, l) => {
      g.output(g.rename(layer.z, activationNames.z(l)), "float32", ["batch", "sequence", config.num_heads, d / config.num_heads]);
      output3d(layer.attnOut, activationNames.attnOut(l), d);
      output3d(layer.mlpPost, activationNames.mlpPost(l), mlpWidth(config));
      output3d(layer.mlpOut, activationNames.mlpOut(l), d);
    });
  }

  return g.encode({
    producer: "tinystories-capability-atlas",
    version: "1",
    doc: `GPT-Neo ${config.num_layers}x${d}, variant ${options.head}${options.internals ? " with internals" : ""}`,
    properties: options.metadata ?? {},
  });
}
