// The onnxruntime-web files the probe needs, found beside the copy of onnxruntime-web that
// transformers.js imports, so the served wasm always matches the bundled JavaScript.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * transformers.js (web) runs onnxruntime-web's asyncify build (its default for the wasm backend); the
 * probe names both files explicitly (env.backends.onnx.wasm.wasmPaths), so nothing else is fetched.
 */
export const ortWasmFiles = {
  mjs: "ort-wasm-simd-threaded.asyncify.mjs",
  wasm: "ort-wasm-simd-threaded.asyncify.wasm",
} as const;

/** onnxruntime-web's dist folder, resolved from transformers.js's own location. */
export function ortDistDir(): string {
  const transformers = createRequire(import.meta.url).resolve("@huggingface/transformers");
  return path.dirname(createRequire(transformers).resolve("onnxruntime-web"));
}

/** onnxruntime-web's version (from the package.json above its dist folder). */
export function ortVersion(distDir = ortDistDir()): string {
  return (JSON.parse(fs.readFileSync(path.join(distDir, "..", "package.json"), "utf8")) as { version: string }).version;
}
