// Checkpoint -> prepared model folder (config, tokenizer.json, ONNX graphs, manifest), cached by the
// content hash of the checkpoint's files: a second run finds the folder and prepares nothing.
import fs from "node:fs";
import path from "node:path";
import { buildDirAtomic, writeFileAtomic, writeJsonAtomic } from "../io/atomicWrite.ts";
import { sha256 } from "../io/hashCache.ts";
import { buildTokenizerFilesFromFolder } from "./buildTokenizerJson.ts";
import { parameterCount, parseGptNeoConfig } from "./gptNeoConfig.ts";
import { exportGptNeoOnnx } from "./onnx/exportGptNeoOnnx.ts";
import { PREPARE_VERSION, type PreparedManifest, preparedFiles, preparedManifestSchema } from "./preparedManifest.ts";
import { readCheckpoint } from "./readCheckpoint.ts";
import type { ModelEntry } from "./registry.ts";
import { type ResolveDeps, type ResolvedCheckpoint, resolveCheckpoint } from "./resolveCheckpoint.ts";
import { END_OF_TEXT_ID } from "./endOfText.ts";

export interface PreparedModel {
  entry: ModelEntry;
  /** The prepared folder (transformers.js layout). */
  dir: string;
  manifest: PreparedManifest;
  /** True when this call built the folder, false when it was already cached. */
  built: boolean;
}

export interface PrepareDeps extends ResolveDeps {
  /** Parent of the prepared folders. */
  preparedDir: string;
  log?: (line: string) => void;
}

/** The prepared model if its folder is already built (resolving the checkpoint as `deps` allow), else undefined. */
export async function findPrepared(entry: ModelEntry, deps: PrepareDeps): Promise<PreparedModel | undefined> {
  const { dir } = preparedLocation(entry, await resolveCheckpoint(entry, deps), deps);
  return readPrepared(entry, dir);
}

function preparedLocation(entry: ModelEntry, checkpoint: ResolvedCheckpoint, deps: PrepareDeps) {
  const key = sha256(JSON.stringify({ id: entry.id, version: PREPARE_VERSION, inputs: checkpoint.sha256 })).slice(0, 24);
  return { key, dir: path.join(deps.preparedDir, key) };
}

function readPrepared(entry: ModelEntry, dir: string): PreparedModel | undefined {
  const manifestFile = path.join(dir, preparedFiles.manifest);
  if (!fs.existsSync(manifestFile)) return undefined;
  const manifest = preparedManifestSchema.parse(JSON.parse(fs.readFileSync(manifestFile, "utf8")));
  return { entry, dir, manifest, built: false };
}

export async function prepareModel(entry: ModelEntry, deps: PrepareDeps): Promise<PreparedModel> {
  const checkpoint = await resolveCheckpoint(entry, deps);
  const { key, dir } = preparedLocation(entry, checkpoint, deps);
  const cached = readPrepared(entry, dir);
  if (cached) return cached;

  deps.log?.(`preparing ${entry.id} from ${checkpoint.folder} (${checkpoint.weightsFile})`);
  const configFile = path.join(checkpoint.folder, "config.json");
  const configText = fs.readFileSync(configFile, "utf8");
  const config = parseGptNeoConfig(configText, { model: entry.id, file: configFile });
  const tokenizer = await buildTokenizerFilesFromFolder(checkpoint.folder, entry.id);
  const { stateDict } = await readCheckpoint(checkpoint.folder, {
    model: entry.id,
    prefer: checkpoint.weightsFile === "pytorch_model.bin" ? "bin" : "safetensors",
  });
  const weightsSha256 = checkpoint.sha256[checkpoint.weightsFile];
  const metadata = { model: entry.id, weights_sha256: weightsSha256, prepare_version: PREPARE_VERSION };

  let manifest: PreparedManifest | undefined;
  await buildDirAtomic(dir, async (tmp) => {
    const files: Record<string, string> = {};
    const put = (name: string, data: string | Uint8Array) => {
      writeFileAtomic(path.join(tmp, name), data);
      files[name] = sha256(data);
    };
    put(preparedFiles.config, configText);
    put(preparedFiles.generationConfig, JSON.stringify({ bos_token_id: config.bos_token_id ?? END_OF_TEXT_ID, eos_token_id: config.eos_token_id ?? END_OF_TEXT_ID }, null, 2));
    put(preparedFiles.tokenizer, JSON.stringify(tokenizer.tokenizerJson));
    put(preparedFiles.tokenizerConfig, JSON.stringify(tokenizer.tokenizerConfig, null, 2));
    put(preparedFiles.onnxModel, exportGptNeoOnnx(config, stateDict, { head: "logits", internals: true, metadata, model: entry.id }));
    put(preparedFiles.onnxScorer, exportGptNeoOnnx(config, stateDict, { head: "scores", metadata, model: entry.id }));
    put(preparedFiles.onnxMechanism, exportGptNeoOnnx(config, stateDict, { head: "mechanism", metadata, model: entry.id }));
    manifest = preparedManifestSchema.parse({
      id: entry.id,
      source: entry.source,
      commit: checkpoint.commit,
      kind: entry.kind,
      weightsFile: checkpoint.weightsFile,
      weightsSha256,
      inputSha256: checkpoint.sha256,
      key,
      prepareVersion: PREPARE_VERSION,
      layers: config.num_layers,
      width: config.hidden_size,
      heads: config.num_heads,
      attentionLayers: config.attention_layers,
      windowSize: config.window_size,
      maxPositions: config.max_position_embeddings,
      parameters: parameterCount(config),
      files,
    } satisfies PreparedManifest);
    // Last: a folder without its manifest is never taken as prepared.
    writeJsonAtomic(path.join(tmp, preparedFiles.manifest), manifest);
  });
  return { entry, dir, manifest: manifest!, built: true };
}
