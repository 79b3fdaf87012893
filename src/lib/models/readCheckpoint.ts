// A model folder's weights: model.safetensors or pytorch_model.bin, whichever is there (or preferred).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { AtlasError } from "../errors.ts";
import { readPytorchBin } from "./readPytorchBin.ts";
import { readSafetensors } from "./readSafetensors.ts";
import type { StateDict } from "./tensor.ts";

export type CheckpointFormat = "safetensors" | "pytorch";

export interface CheckpointFs {
  /** The file's bytes, or undefined where there is no such file. */
  readFileIfExists(file: string): Promise<Uint8Array | undefined>;
}

export interface ReadCheckpointOptions {
  /** Names the model in error messages; defaults to none (the file path names the folder). */
  model?: string;
  /** Which file to use when both are there; the other is still used when the preferred one is missing. */
  prefer?: "safetensors" | "bin";
  fs?: CheckpointFs;
}

export interface Checkpoint {
  stateDict: StateDict;
  /** The path of the file the weights were read from. */
  file: string;
  format: CheckpointFormat;
}

const SAFETENSORS = "model.safetensors";
const PYTORCH_BIN = "pytorch_model.bin";
const LFS_POINTER_START = "version https://git-lfs.github.com/spec/v1";
/** Git LFS pointer files are about 130 bytes; real weights are megabytes. */
const LFS_POINTER_MAX_BYTES = 1024;

export const nodeCheckpointFs: CheckpointFs = {
  async readFileIfExists(file) {
    try {
      return await readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
  },
};

export async function readCheckpoint(folder: string, opts: ReadCheckpointOptions = {}): Promise<Checkpoint> {
  const { model, fs = nodeCheckpointFs } = opts;
  const names = opts.prefer === "bin" ? [PYTORCH_BIN, SAFETENSORS] : [SAFETENSORS, PYTORCH_BIN];
  for (const name of names) {
    const file = path.join(folder, name);
    const bytes = await fs.readFileIfExists(file);
    if (!bytes) continue;
    if (isLfsPointer(bytes)) {
      throw new AtlasError("is a Git LFS pointer, not the weights: fetch the LFS object (git lfs pull)", { model, file });
    }
    return name === SAFETENSORS
      ? { stateDict: readSafetensors(bytes, file, model), file, format: "safetensors" }
      : { stateDict: readPytorchBin(bytes, file, model), file, format: "pytorch" };
  }
  throw new AtlasError(`no weights file: looked for ${SAFETENSORS} and ${PYTORCH_BIN} in this folder`, { model, file: folder });
}

function isLfsPointer(bytes: Uint8Array): boolean {
  if (bytes.byteLength > LFS_POINTER_MAX_BYTES) return false;
  return new TextDecoder().decode(bytes).startsWith(LFS_POINTER_START);
}
