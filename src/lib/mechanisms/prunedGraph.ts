// A cut-down copy of the mechanism graph: only the named outputs, and only the nodes they depend on.
// onnxruntime runs every node of a graph whatever is fetched, so the head-ablation sweep (layers x heads
// runs per task) would otherwise pay for the logit lens (9 vocabulary-wide readouts per position) and
// every internal output. With `fromLayer` L > 0 the graph also starts at block L: the residual stream
// entering block L becomes an input, because ablating a head of block L leaves blocks 0..L-1 unchanged
// and their output can be taken from the clean run.
import onnxProto from "onnx-proto";
import { activationNames } from "../models/onnx/activationNames.ts";

const { onnx } = onnxProto;

/** Name of the input that carries the residual stream into block `fromLayer`: [batch*seq, d_model]. */
export const residInInput = "resid_in";

type Node = onnxProto.onnx.INodeProto;
type Graph = onnxProto.onnx.IGraphProto;

export function prunedGraph(mechanismOnnx: Uint8Array, opts: { outputs: string[]; fromLayer?: number }): Uint8Array {
  const model = onnx.ModelProto.decode(mechanismOnnx);
  const graph = model.graph!;
  const nodes = graph.node ?? [];
  const producer = new Map<string, Node>();
  for (const node of nodes) for (const out of node.output ?? []) producer.set(out, node);
  for (const name of opts.outputs) if (!(graph.output ?? []).some((o) => o.name === name)) throw new Error(`the mechanism graph has no output ${name}`);

  // The residual stream entering block L is block L-1's 2-D sum, found behind its exported 3-D output
  // (Identity <- Reshape <- Add), so this does not depend on internal node names.
  let cut: string | undefined;
  if (opts.fromLayer) {
    const identity = producer.get(activationNames.residPost(opts.fromLayer - 1));
    const reshape = identity?.input?.[0] ? producer.get(identity.input[0]) : undefined;
    cut = reshape?.opType === "Reshape" ? (reshape.input?.[0] ?? undefined) : undefined;
    if (!cut) throw new Error(`cannot find the residual stream entering block ${opts.fromLayer}`);
  }

  const needed = new Set<string>();
  const keep = new Set<Node>();
  const stack = [...opts.outputs];
  while (stack.length) {
    const name = stack.pop()!;
    if (needed.has(name)) continue;
    needed.add(name);
    if (name === cut) continue;
    const node = producer.get(name);
    if (!node) continue; // a graph input or an initializer
    keep.add(node);
    for (const input of node.input ?? []) if (input) stack.push(input);
  }

  const d = residWidth(graph);
  const has = (x: { name?: string | null }) => needed.has(x.name ?? "");
  graph.node = nodes.filter((n) => keep.has(n));
  graph.initializer = (graph.initializer ?? []).filter(has);
  graph.output = (graph.output ?? []).filter((o) => opts.outputs.includes(o.name ?? ""));
  graph.input = (graph.input ?? []).filter(has);
  if (cut) {
    for (const n of graph.node) n.input = (n.input ?? []).map((i) => (i === cut ? residInInput : i));
    graph.input.push(
      onnx.ValueInfoProto.create({
        name: residInInput,
        type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimParam: "rows" }, { dimValue: d }] } } },
      }),
    );
  }
  return onnx.ModelProto.encode(model).finish();
}

/** d_model, read from the embedding's declared output shape. */
function residWidth(graph: Graph): number {
  const out = (graph.output ?? []).find((o) => o.name === activationNames.residPre0);
  const dims = out?.type?.tensorType?.shape?.dim ?? [];
  const d = Number(dims[dims.length - 1]?.dimValue ?? NaN);
  if (!Number.isFinite(d)) throw new Error("cannot read d_model from the mechanism graph");
  return d;
}
