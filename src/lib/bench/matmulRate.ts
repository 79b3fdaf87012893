// The machine's float32 matrix-multiply rate as onnxruntime-node reaches it: the ceiling that model
// throughput is compared against.
import * as ort from "onnxruntime-node";
import { OnnxGraph } from "../models/onnx/onnxGraph.ts";

export interface MatmulRate {
  /** Best rate over the sizes tried, in FLOP/s. */
  flopsPerSecond: number;
  /** The n of the n x n x n product that reached it. */
  size: number;
}

export async function measureMatmulRate(opts: { sizes?: number[]; repeats?: number; threads?: number; now?: () => number } = {}): Promise<MatmulRate> {
  const now = opts.now ?? (() => performance.now());
  let best: MatmulRate = { flopsPerSecond: 0, size: 0 };
  for (const n of opts.sizes ?? [1024, 2048]) {
    const g = new OnnxGraph();
    const a = g.input("a", "float32", [n, n]);
    const b = g.initializer("b", [n, n], filled(n * n, 1));
    g.rename(g.op1("MatMul", [a, b]), "c");
    g.output("c", "float32", [n, n]);
    const options: ort.InferenceSession.SessionOptions = opts.threads ? { intraOpNumThreads: opts.threads } : {};
    const session = await ort.InferenceSession.create(g.encode({ producer: "atlas bench", version: "1", doc: "matmul", properties: {} }), options);
    const feeds = { a: new ort.Tensor("float32", filled(n * n, 2), [n, n]) };
    await session.run(feeds); // warm-up: packing of the constant operand, thread pool start
    for (let r = 0; r < (opts.repeats ?? 5); r++) {
      const start = now();
      await session.run(feeds);
      const rate = (2 * n ** 3) / ((now() - start) / 1000);
      if (rate > best.flopsPerSecond) best = { flopsPerSecond: rate, size: n };
    }
    await session.release();
  }
  return best;
}

/** Deterministic values in [-0.5, 0.5): no denormals, nothing for the CPU to shortcut. */
function filled(length: number, seed: number): Float32Array {
  const out = new Float32Array(length);
  let x = seed * 2654435761;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x / 2 ** 32 - 0.5;
  }
  return out;
}
