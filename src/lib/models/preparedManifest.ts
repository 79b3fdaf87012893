// manifest.json of a prepared model: what it was made from (provenance) and what it contains.
import { z } from "zod";
import { modelSourceSchema } from "./registry.ts";

/** Bumped whenever the exported graphs or tokenizer files change, so prepared caches are rebuilt. */
export const PREPARE_VERSION = "3";

export const preparedManifestSchema = z.object({
  /** Model id from the registry (e.g. TinyStories-1M or a folder name). */
  id: z.string(),
  /** Where the checkpoint came from. */
  source: modelSourceSchema,
  /** The commit a hub revision resolved to; null for a folder. */
  commit: z.string().nullable(),
  /** published / replica / fixture / local: pages label non-published models as such. */
  kind: z.enum(["published", "replica", "fixture", "local"]),
  /** The weights file read: model.safetensors or pytorch_model.bin. */
  weightsFile: z.string(),
  /** sha256 of that weights file. */
  weightsSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** sha256 of each input file (config.json, vocab.json, merges.txt, weights). */
  inputSha256: z.record(z.string()),
  /** Cache key: a hash of the inputs and PREPARE_VERSION. */
  key: z.string(),
  /** PREPARE_VERSION when this folder was made. */
  prepareVersion: z.string(),
  /** Number of transformer blocks. */
  layers: z.number().int(),
  /** Width of the residual stream. */
  width: z.number().int(),
  /** Attention heads per layer. */
  heads: z.number().int(),
  /** global/local per layer. */
  attentionLayers: z.array(z.string()),
  /** Local attention window. */
  windowSize: z.number().int(),
  /** Longest readable text in tokens. */
  maxPositions: z.number().int(),
  /** Trainable parameters, tied embedding counted once. */
  parameters: z.number().int(),
  /** Files of the prepared folder, relative to it, with sha256. */
  files: z.record(z.string()),
});
export type PreparedManifest = z.infer<typeof preparedManifestSchema>;

/** File names inside a prepared folder (transformers.js layout: config + tokenizer + onnx/). */
export const preparedFiles = {
  manifest: "manifest.json",
  config: "config.json",
  generationConfig: "generation_config.json",
  tokenizer: "tokenizer.json",
  tokenizerConfig: "tokenizer_config.json",
  /** logits + attention patterns + residual stream: the browser's and the reference tests' model. */
  onnxModel: "onnx/model.onnx",
  /** Scoring head (log-sum-exp, target logits/ranks, top-k): batch scoring in Node. */
  onnxScorer: "onnx/scorer.onnx",
  /** Scoring head + head_mask input + every internal activation + the logit lens: mechanism evidence in Node. */
  onnxMechanism: "onnx/mechanism.onnx",
} as const;
