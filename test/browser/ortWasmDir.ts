// The folder of onnxruntime-web's wasm binaries and their .mjs loaders, resolved from transformers.js's
// own location: the copy its bundled import ("onnxruntime-web/webgpu") uses, so versions always match.
import { createRequire } from "node:module";
import path from "node:path";

export function ortWasmDir(): string {
  const transformers = createRequire(import.meta.url).resolve("@huggingface/transformers");
  // The package's main entry is dist/ort.node.min.js, beside the wasm files.
  return path.dirname(createRequire(transformers).resolve("onnxruntime-web"));
}
