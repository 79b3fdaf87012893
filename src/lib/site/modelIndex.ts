// public/models/index.json: the models whose browser files the site serves (written by `atlas
// site-assets`, read by the probe component at build time), and the onnxruntime-web files beside them.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

export const MODEL_INDEX_VERSION = 1;

export const siteModelSchema = z.object({
  /** Registry id; the files are at <model base>/<id>/. */
  id: z.string(),
  /** published / replica / fixture / local, as in the result files. */
  kind: z.enum(["published", "replica", "fixture", "local"]),
  /** Transformer blocks. */
  layers: z.number().int(),
  /** Residual stream width. */
  width: z.number().int(),
  /** Parameters, tied embedding once. */
  parameters: z.number().int(),
  /** sha256 of the checkpoint's weights: a probe compares against build numbers only when it matches. */
  weightsSha256: z.string(),
  /** Bytes of onnx/model.onnx (what a probe downloads, besides the small JSON files). */
  onnxBytes: z.number().int(),
  /** Bytes of all browser files of the model. */
  totalBytes: z.number().int(),
});
export type SiteModel = z.infer<typeof siteModelSchema>;

export const modelIndexSchema = z.object({
  /** MODEL_INDEX_VERSION. */
  schemaVersion: z.literal(MODEL_INDEX_VERSION),
  /** Smallest first. */
  models: z.array(siteModelSchema),
  /** onnxruntime-web as served under public/ort/. */
  ort: z.object({
    /** onnxruntime-web's version. */
    version: z.string(),
    /** The wasm factory (.mjs) transformers.js loads, relative to the ort folder. */
    mjs: z.string(),
    /** The wasm binary, relative to the ort folder. */
    wasm: z.string(),
    /** Bytes of the two files. */
    bytes: z.number().int(),
    /** Bytes of the wasm binary alone (what a probe's first run downloads besides the model). */
    wasmBytes: z.number().int(),
  }),
});
export type ModelIndex = z.infer<typeof modelIndexSchema>;

/** Where the index lives under the public folder. */
export const modelIndexPath = path.join("models", "index.json");

/** The index under a public folder, or undefined when `atlas site-assets` has not written one. */
export function readModelIndex(publicDir: string): ModelIndex | undefined {
  const file = path.join(publicDir, modelIndexPath);
  if (!fs.existsSync(file)) return undefined;
  return modelIndexSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
}
