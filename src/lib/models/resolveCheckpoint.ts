// A model entry -> a local folder in the hub's layout, with the hashes of its input files.
// Hub models go through the download cache (pinned by models.lock.json); folders are used in place.
import fs from "node:fs";
import path from "node:path";
import { AtlasError } from "../errors.ts";
import type { HashCache } from "../io/hashCache.ts";
import { ensureHubSnapshot, type DownloadProgress } from "./hubCache.ts";
import { readModelLock, writeModelLock } from "./modelLock.ts";
import type { ModelEntry } from "./registry.ts";

/** The files a checkpoint folder must have (besides the weights). */
export const checkpointFiles = ["config.json", "vocab.json", "merges.txt"] as const;
const weightsFiles = ["model.safetensors", "pytorch_model.bin"] as const;

export interface ResolvedCheckpoint {
  folder: string;
  /** The commit a hub revision resolved to; null for a folder. */
  commit: string | null;
  /** The weights file used. */
  weightsFile: string;
  /** sha256 of each input file, by name. */
  sha256: Record<string, string>;
}

export interface ResolveDeps {
  /** Where hub downloads are cached. */
  hubCacheDir: string;
  /** models.lock.json. */
  lockFile: string;
  hashes: HashCache;
  offline?: boolean;
  fetch?: typeof fetch;
  /** The hub's address (default HF_ENDPOINT, else huggingface.co). */
  hubUrl?: string;
  progress?: (event: DownloadProgress) => void;
}

export async function resolveCheckpoint(entry: ModelEntry, deps: ResolveDeps): Promise<ResolvedCheckpoint> {
  if (entry.source.kind === "folder") return resolveFolder(entry.id, entry.source.path, deps.hashes);
  const { repo, revision } = entry.source;
  const lock = readModelLock(deps.lockFile);
  const locked = lock[repo]?.revision === revision ? lock[repo] : undefined;
  // The published repos ship pytorch_model.bin; the lock says which weights file was used.
  const weightsFile = locked ? Object.keys(locked.files).find((f) => (weightsFiles as readonly string[]).includes(f)) : undefined;
  const files = [...checkpointFiles, weightsFile ?? "pytorch_model.bin"];
  const snapshot = await ensureHubSnapshot({
    repo,
    revision: locked?.commit ?? revision,
    files,
    cacheDir: deps.hubCacheDir,
    offline: deps.offline,
    expected: locked?.files,
    fetch: deps.fetch,
    hubUrl: deps.hubUrl,
    progress: deps.progress,
  });
  if (!locked) {
    lock[repo] = {
      revision,
      commit: snapshot.commit,
      files: Object.fromEntries(Object.entries(snapshot.files).map(([f, d]) => [f, { sha256: d.sha256, size: d.size }])),
    };
    writeModelLock(deps.lockFile, lock);
  }
  return {
    folder: snapshot.folder,
    commit: snapshot.commit,
    weightsFile: files[files.length - 1],
    sha256: Object.fromEntries(Object.entries(snapshot.files).map(([f, d]) => [f, d.sha256])),
  };
}

async function resolveFolder(model: string, folder: string, hashes: HashCache): Promise<ResolvedCheckpoint> {
  if (!fs.existsSync(folder)) throw new AtlasError(`folder does not exist`, { model, file: folder });
  for (const file of checkpointFiles) {
    if (!fs.existsSync(path.join(folder, file))) throw new AtlasError(`missing from ${folder}`, { model, file });
  }
  const weightsFile = weightsFiles.find((f) => fs.existsSync(path.join(folder, f)));
  if (!weightsFile) {
    throw new AtlasError(`no weights file: looked for ${weightsFiles.join(" and ")}`, { model, file: folder });
  }
  const sha256: Record<string, string> = {};
  for (const file of [...checkpointFiles, weightsFile]) sha256[file] = await hashes.hash(path.join(folder, file));
  return { folder, commit: null, weightsFile, sha256 };
}
