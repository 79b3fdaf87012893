// Browser entry (bundled by the test with esbuild): loads a prepared model and its tokenizer with
// transformers.js from the test server only, runs onnxruntime-web (wasm) on given token ids, and hands
// back logits rows and the layer-0 attention pattern through window.logitsProbe.
import { AutoModelForCausalLM, AutoTokenizer, Tensor, env } from "@huggingface/transformers";
import type { LogitsProbe, ProbeCaseResult, ProbeRequest, ProbeResult } from "./logitsProbeProtocol.ts";

// Same names as src/lib/models/onnx/activationNames.ts (not imported, to keep the page's bundle to the library).
const layer0Pattern = "blocks.0.attn.hook_pattern";

// Everything from the test server: models under /models/<id>/, onnxruntime-web's wasm under /ort/.
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = "/models/";
env.useBrowserCache = false; // each page run reads the files it is testing, never a cached copy
const wasm = env.backends.onnx.wasm;
if (!wasm) throw new Error("transformers.js exposes no onnxruntime-web wasm settings");
wasm.wasmPaths = "/ort/";

function base64OfFloats(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

interface OutputTensor {
  dims: number[];
  data: Float32Array;
}

async function run(request: ProbeRequest): Promise<ProbeResult> {
  const loadStart = performance.now();
  const [model, tokenizer] = await Promise.all([
    AutoModelForCausalLM.from_pretrained(request.modelId, { dtype: "fp32", device: "wasm" }),
    AutoTokenizer.from_pretrained(request.modelId),
  ]);
  const loadMs = performance.now() - loadStart;
  try {
    const cases: ProbeCaseResult[] = [];
    for (const c of request.cases) {
      const start = performance.now();
      const n = c.ids.length;
      // The graph takes input_ids only; transformers.js passes just the inputs the session names.
      const out = (await model({ input_ids: new Tensor("int64", BigInt64Array.from(c.ids, BigInt), [1, n]) })) as Record<string, OutputTensor>;
      const logits = out.logits;
      const pattern = out[layer0Pattern];
      if (!logits || !pattern) throw new Error(`model outputs lack logits or ${layer0Pattern}: ${Object.keys(out).join(", ")}`);
      const vocab = logits.dims[2];
      const rows = new Float32Array(c.rows.length * vocab);
      c.rows.forEach((row, k) => rows.set(logits.data.subarray(row * vocab, (row + 1) * vocab), k * vocab));
      // pattern dims [1, heads, n, n]: head 0 starts at 0, its last query row at (n - 1) * n.
      const patternLastRow = Array.from(pattern.data.subarray((n - 1) * n, n * n));
      cases.push({
        tokenIds: c.text === null ? null : tokenizer.encode(c.text, { add_special_tokens: false }),
        logitsDims: logits.dims,
        rowsBase64: base64OfFloats(rows),
        patternLastRow,
        runMs: performance.now() - start,
      });
    }
    return { modelId: request.modelId, cases, loadMs };
  } finally {
    await model.dispose();
  }
}

const probe: LogitsProbe = {
  configure(opts) {
    if (opts.numThreads !== undefined) wasm.numThreads = opts.numThreads;
  },
  run,
  environment: () => ({
    crossOriginIsolated: globalThis.crossOriginIsolated,
    numThreads: wasm.numThreads,
    ortVersion: env.backends.onnx.versions?.web,
  }),
};

// Only a window exposes the probe (onnxruntime-web's thread workers load its own .mjs, but stay safe if a
// worker ever loads this bundle).
if (typeof window !== "undefined") window.logitsProbe = probe;
