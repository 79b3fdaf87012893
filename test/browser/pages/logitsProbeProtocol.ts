// What the test sends to the logits probe page and what the page answers (types only, shared by both).

export interface ProbeCase {
  /** Token ids to run. */
  ids: number[];
  /** The text the ids came from; null when there is none (then the page tokenizes nothing). */
  text: string | null;
  /** Positions whose full logits rows come back. */
  rows: number[];
}

export interface ProbeRequest {
  /** Model id: its files are at /models/<id>/ (config.json, tokenizer.json, onnx/model.onnx, ...). */
  modelId: string;
  cases: ProbeCase[];
}

export interface ProbeCaseResult {
  /** The in-page tokenizer's ids for the case text (no special tokens added); null when text is null. */
  tokenIds: number[] | null;
  /** Logits dims as the model returned them: [1, seq, vocab]. */
  logitsDims: number[];
  /** The requested rows, concatenated, as base64 of little-endian float32 (exact, and compact to pass). */
  rowsBase64: string;
  /** Layer 0, head 0: attention probabilities of the last query position. */
  patternLastRow: number[];
  runMs: number;
}

export interface ProbeResult {
  modelId: string;
  cases: ProbeCaseResult[];
  loadMs: number;
}

export interface ProbeEnvironment {
  crossOriginIsolated: boolean;
  /** onnxruntime-web's wasm thread count after its initialisation. */
  numThreads: number | undefined;
  /** onnxruntime-web's version as reported by the library. */
  ortVersion: string | undefined;
}

export interface ProbeOptions {
  /** Threads for onnxruntime-web (1 = no worker threads); must be set before the first session. */
  numThreads?: number;
}

/** The object the page puts on window. */
export interface LogitsProbe {
  configure(opts: ProbeOptions): void;
  run(request: ProbeRequest): Promise<ProbeResult>;
  environment(): ProbeEnvironment;
}

declare global {
  interface Window {
    logitsProbe?: LogitsProbe;
  }
}
