// The heavy half of a probe, loaded by src/scripts/probe.ts only when a reader clicks Run: transformers.js
// (+ onnxruntime-web) loads a model and its tokenizer from the site's own files and runs a prompt.
import { AutoModelForCausalLM, AutoTokenizer, Tensor, env } from "@huggingface/transformers";
import type { PreTrainedModel, PreTrainedTokenizer } from "@huggingface/transformers";
import { activationNames } from "../lib/models/onnx/activationNames.ts";
import { type Continuation, continuationIds, rankOf, softmax64, topK } from "./probeMath.ts";

export interface RuntimeSettings {
  /** Folder URL of the model files: <base><id>/config.json, ... */
  modelBaseUrl: string;
  /** onnxruntime-web's wasm loader and binary, and the binary's size (for progress). */
  ortWasm: { mjs: string; wasm: string; wasmBytes: number };
}

export interface LoadedModel {
  id: string;
  model: PreTrainedModel;
  tokenizer: PreTrainedTokenizer;
  /** Longest input the model reads (learned positions). */
  maxPositions: number;
}

export interface LoadProgress {
  /** Bytes received so far by this load (model files, and the wasm binary on a page's first load). */
  loaded: number;
  /** Bytes this load will receive, from the sizes the build recorded. */
  total: number;
}

export interface TokenChoice {
  id: number;
  text: string;
  p: number;
  rank: number;
}

export type ScoredContinuation = ({ ok: true; ids: number[] } & { first: TokenChoice }) | { ok: false; reason: string };

/** Every layer's attention pattern of the run, as the graph returned them (blocks.L.attn.hook_pattern). */
export interface LiveAttention {
  layers: number;
  heads: number;
  /** The prompt's tokens as text, one per position. */
  tokens: string[];
  /** patterns[layer]: [heads, t, t] row-major (query, then key), t = tokens.length. */
  patterns: Float32Array[];
}

export interface ProbeOutcome {
  promptIds: number[];
  /** The same run's attention patterns; null if the model's graph has none (then no attention view). */
  attention: LiveAttention | null;
  /** The most likely next tokens, most likely first. */
  top: TokenChoice[];
  answer: ScoredContinuation;
  wrong: ScoredContinuation | null;
  runMs: number;
}

/** Listeners for body bytes of fetched URLs, by URL prefix (one per model being loaded). */
const byteListeners = new Map<string, (bytes: number) => void>();

/** fetch, reporting each response body's bytes as they arrive to the listener of its URL prefix. */
async function countingFetch(input: string | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  const url = new URL(String(input), document.baseURI).href;
  const listener = [...byteListeners].find(([prefix]) => url.startsWith(prefix))?.[1];
  if (!listener || !response.ok || !response.body) return response;
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        listener(chunk.byteLength);
        controller.enqueue(chunk);
      },
    }),
  );
  return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
}

let settingsKey: string | undefined;

/** Points transformers.js at the site's files (or the deployment's model host); never at the hub or a CDN. */
function configure(settings: RuntimeSettings): void {
  const key = JSON.stringify(settings);
  if (settingsKey === key) return;
  if (settingsKey !== undefined) throw new Error("a page's probes must share one model base URL");
  if (/^[a-z][a-z0-9+.-]*:/i.test(settings.modelBaseUrl)) {
    // A deployment's model host (ATLAS_MODEL_BASE_URL): transformers.js takes a URL only as its "remote
    // host" (a URL as localModelPath makes it skip the tokenizer files), so point that host there.
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
    env.remoteHost = settings.modelBaseUrl;
    env.remotePathTemplate = "{model}/";
  } else {
    // The site's own files (a path such as /models/): the hub is never asked.
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = settings.modelBaseUrl;
  }
  // The Cache API copies are keyed by URL and never revalidated: a rebuilt model under the same URL would
  // stay stale. The browser's HTTP cache (which revalidates) keeps repeat visits cheap instead.
  env.useBrowserCache = false;
  env.useWasmCache = false;
  // Byte progress comes from this fetch, not from transformers.js's progress_callback: given a callback,
  // transformers.js first GETs every model file in full just to learn its size (a second 57 MB request).
  env.fetch = countingFetch;
  const wasm = env.backends.onnx.wasm;
  if (!wasm) throw new Error("transformers.js exposes no onnxruntime-web wasm settings");
  wasm.wasmPaths = {
    mjs: new URL(settings.ortWasm.mjs, document.baseURI).href,
    wasm: new URL(settings.ortWasm.wasm, document.baseURI).href,
  };
  settingsKey = key;
}

let wasmBinary: Promise<void> | undefined;

/** Fetches onnxruntime-web's wasm once (with progress) and hands it to onnxruntime-web before its first session. */
function loadWasm(settings: RuntimeSettings, onBytes: (bytes: number) => void): Promise<void> {
  wasmBinary ??= (async () => {
    const url = new URL(settings.ortWasm.wasm, document.baseURI).href;
    byteListeners.set(url, onBytes);
    try {
      const response = await countingFetch(url);
      if (!response.ok) throw new Error(`onnxruntime-web's wasm: HTTP ${response.status} for ${url}`);
      env.backends.onnx.wasm!.wasmBinary = await response.arrayBuffer();
    } finally {
      byteListeners.delete(url);
    }
  })().catch((e: unknown) => {
    wasmBinary = undefined;
    throw e;
  });
  return wasmBinary;
}

const loaded = new Map<string, Promise<LoadedModel>>();

/**
 * Loads a model once per page: later runs (and other probes) reuse it; a failed load is forgotten.
 * `modelBytes` (from the build's index) sizes the progress.
 */
export function loadModel(id: string, settings: RuntimeSettings, modelBytes: number, onProgress: (p: LoadProgress) => void): Promise<LoadedModel> {
  configure(settings);
  let entry = loaded.get(id);
  if (!entry) {
    entry = (async () => {
      const progress: LoadProgress = { loaded: 0, total: modelBytes + (wasmBinary ? 0 : settings.ortWasm.wasmBytes) };
      const onBytes = (bytes: number) => {
        progress.loaded += bytes;
        onProgress({ ...progress });
      };
      const prefix = new URL(`${settings.modelBaseUrl}${id}/`, document.baseURI).href;
      byteListeners.set(prefix, onBytes);
      try {
        const [model, tokenizer] = await Promise.all([
          loadWasm(settings, onBytes).then(() => AutoModelForCausalLM.from_pretrained(id, { dtype: "fp32", device: "wasm" })),
          AutoTokenizer.from_pretrained(id),
        ]);
        const config = model.config as unknown as { max_position_embeddings?: number };
        return { id, model, tokenizer, maxPositions: config.max_position_embeddings ?? 2048 };
      } finally {
        byteListeners.delete(prefix);
      }
    })();
    entry.catch(() => loaded.delete(id));
    loaded.set(id, entry);
  }
  return entry;
}

interface OutputTensor {
  dims: number[];
  data: Float32Array;
}

/** The attention outputs of the run (no second run): onnx/model.onnx exports every layer's pattern. */
function liveAttention(out: Record<string, OutputTensor>, tokens: string[]): LiveAttention | null {
  const t = tokens.length;
  const patterns: Float32Array[] = [];
  let heads = 0;
  for (let layer = 0; out[activationNames.pattern(layer)]; layer++) {
    const p = out[activationNames.pattern(layer)];
    if (p.dims.length !== 4 || p.dims[2] !== t || p.dims[3] !== t) return null;
    heads = p.dims[1];
    patterns.push(p.data);
  }
  return patterns.length ? { layers: patterns.length, heads, tokens, patterns } : null;
}

/** Runs the prompt and scores the next token: top k, and the first tokens of the answer and wrong answer. */
export async function probePrompt(m: LoadedModel, prompt: string, answer: string, wrong: string | null, k = 10): Promise<ProbeOutcome> {
  const start = performance.now();
  const encode = (text: string) => m.tokenizer.encode(text, { add_special_tokens: false });
  const promptIds = encode(prompt);
  if (promptIds.length === 0) throw new Error("The prompt is empty: type some text for the model to continue.");
  if (promptIds.length > m.maxPositions) throw new Error(`The prompt has ${promptIds.length} tokens; ${m.id} reads at most ${m.maxPositions}.`);
  const n = promptIds.length;
  // The graph takes input_ids only; transformers.js feeds just the inputs the session names.
  const out = (await m.model({ input_ids: new Tensor("int64", BigInt64Array.from(promptIds, BigInt), [1, n]) })) as Record<string, OutputTensor>;
  const logits = out.logits;
  if (!logits) throw new Error(`${m.id} returned no logits (outputs: ${Object.keys(out).join(", ")})`);
  const vocab = logits.dims[2];
  const last = logits.data.subarray((n - 1) * vocab, n * vocab);
  const probs = softmax64(last);
  const choice = (id: number): TokenChoice => ({ id, text: m.tokenizer.decode([id]), p: probs[id], rank: rankOf(last, id) });
  const scored = (c: Continuation): ScoredContinuation => (c.ok ? { ok: true, ids: c.ids, first: choice(c.ids[0]) } : c);
  return {
    promptIds,
    attention: liveAttention(out, promptIds.map((id) => m.tokenizer.decode([id]))),
    top: topK(probs, k).map(choice),
    answer: scored(continuationIds(encode, promptIds, prompt, answer)),
    wrong: wrong === null || wrong === "" ? null : scored(continuationIds(encode, promptIds, prompt, wrong)),
    runMs: performance.now() - start,
  };
}
