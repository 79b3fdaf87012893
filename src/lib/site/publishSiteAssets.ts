// `atlas site-assets`: the static files probes load, copied into the site's public folder:
//   public/models/<id>/  config.json, generation_config.json, tokenizer*.json, onnx/model.onnx
//   public/models/index.json  the list of those models (for the probe's model select)
//   public/ort/          the onnxruntime-web wasm + loader that transformers.js runs
//   public/tokens/       the per-token data (data/tokens) that the explorer and comparison pages load
//   public/mechanisms/   the mechanism evidence (data/mechanisms) that the capability pages load
// Unchanged files are left alone (same inode, or same size and sha256), new ones are hard-linked from
// the prepared cache where the file system allows (no second copy on disk) and copied otherwise, and
// folders of models that are no longer configured are removed.
import fs from "node:fs";
import path from "node:path";
import { writeJsonAtomic } from "../io/atomicWrite.ts";
import { removeFilesExcept } from "../io/removeFilesExcept.ts";
import { hashFile } from "../models/fileHashes.ts";
import type { PreparedManifest } from "../models/preparedManifest.ts";
import { preparedFiles } from "../models/preparedManifest.ts";
import { MODEL_INDEX_VERSION, type ModelIndex, type SiteModel, modelIndexPath } from "./modelIndex.ts";

/** The prepared files a browser needs (transformers.js layout); the Node-only scorer graph stays out. */
export const browserFiles = [
  preparedFiles.config,
  preparedFiles.generationConfig,
  preparedFiles.tokenizer,
  preparedFiles.tokenizerConfig,
  preparedFiles.onnxModel,
] as const;

export interface PublishableModel {
  /** The prepared folder. */
  dir: string;
  manifest: PreparedManifest;
}

export interface PublishSiteAssetsInput {
  /** The site's public folder. */
  publicDir: string;
  /** Prepared models to publish, smallest first. */
  models: PublishableModel[];
  /** Folder holding the onnxruntime-web files. */
  ortDir: string;
  /** File names inside ortDir to publish (wasm factory and binary). */
  ortFiles: { mjs: string; wasm: string };
  ortVersion: string;
  /** data/tokens, when `atlas tokens` has written it: published as public/tokens/. */
  tokensDir?: string;
  /** data/mechanisms, when `atlas mechanisms` has written it: published as public/mechanisms/. */
  mechanismsDir?: string;
}

export interface PublishSiteAssetsReport {
  /** Files written (linked or copied), relative to publicDir. */
  written: string[];
  /** Files found up to date. */
  unchanged: string[];
  /** Files and folders removed, relative to publicDir. */
  removed: string[];
  index: ModelIndex;
}

export async function publishSiteAssets(input: PublishSiteAssetsInput): Promise<PublishSiteAssetsReport> {
  const report: Omit<PublishSiteAssetsReport, "index"> = { written: [], unchanged: [], removed: [] };
  const modelsDir = path.join(input.publicDir, "models");
  const ortOut = path.join(input.publicDir, "ort");
  const record = (target: string, state: "written" | "unchanged") => report[state].push(path.relative(input.publicDir, target));

  const siteModels: SiteModel[] = [];
  for (const { dir, manifest } of input.models) {
    const outDir = path.join(modelsDir, manifest.id);
    let totalBytes = 0;
    for (const name of browserFiles) {
      const source = path.join(dir, name);
      totalBytes += fs.statSync(source).size;
      record(path.join(outDir, name), await publishFile(source, path.join(outDir, name), manifest.files[name]));
    }
    report.removed.push(...removeExtras(outDir, new Set<string>(browserFiles), input.publicDir));
    siteModels.push({
      id: manifest.id,
      kind: manifest.kind,
      layers: manifest.layers,
      width: manifest.width,
      parameters: manifest.parameters,
      weightsSha256: manifest.weightsSha256,
      onnxBytes: fs.statSync(path.join(dir, preparedFiles.onnxModel)).size,
      totalBytes,
    });
  }

  // Folders of models no longer configured (or no longer prepared) would serve stale weights.
  const keep = new Set(siteModels.map((m) => m.id));
  if (fs.existsSync(modelsDir)) {
    for (const entry of fs.readdirSync(modelsDir, { withFileTypes: true })) {
      if (entry.isDirectory() && !keep.has(entry.name)) {
        fs.rmSync(path.join(modelsDir, entry.name), { recursive: true, force: true });
        report.removed.push(path.join("models", entry.name));
      }
    }
  }

  let ortBytes = 0;
  for (const name of [input.ortFiles.mjs, input.ortFiles.wasm]) {
    const source = path.join(input.ortDir, name);
    ortBytes += fs.statSync(source).size;
    record(path.join(ortOut, name), await publishFile(source, path.join(ortOut, name)));
  }
  report.removed.push(...removeExtras(ortOut, new Set([input.ortFiles.mjs, input.ortFiles.wasm]), input.publicDir));

  // Per-token data: every file of data/tokens as it is (the pages fetch them on demand).
  const tokensOut = path.join(input.publicDir, "tokens");
  const tokenFiles = input.tokensDir && fs.existsSync(path.join(input.tokensDir, "manifest.json")) ? listFiles(input.tokensDir) : [];
  for (const rel of tokenFiles) record(path.join(tokensOut, rel), await publishFile(path.join(input.tokensDir!, rel), path.join(tokensOut, rel)));
  report.removed.push(...removeExtras(tokensOut, new Set(tokenFiles), input.publicDir));

  // Mechanism evidence: likewise, every file of data/mechanisms as it is.
  const mechanismsOut = path.join(input.publicDir, "mechanisms");
  const mechanismFiles = input.mechanismsDir && fs.existsSync(input.mechanismsDir) ? listFiles(input.mechanismsDir) : [];
  for (const rel of mechanismFiles) record(path.join(mechanismsOut, rel), await publishFile(path.join(input.mechanismsDir!, rel), path.join(mechanismsOut, rel)));
  report.removed.push(...removeExtras(mechanismsOut, new Set(mechanismFiles), input.publicDir));

  const index: ModelIndex = {
    schemaVersion: MODEL_INDEX_VERSION,
    models: siteModels,
    ort: {
      version: input.ortVersion,
      mjs: input.ortFiles.mjs,
      wasm: input.ortFiles.wasm,
      bytes: ortBytes,
      wasmBytes: fs.statSync(path.join(input.ortDir, input.ortFiles.wasm)).size,
    },
  };
  const indexFile = path.join(input.publicDir, modelIndexPath);
  const indexText = JSON.stringify(index, null, 2) + "\n";
  // Rewritten only when it changes, so an unchanged build leaves public/ untouched.
  if (!fs.existsSync(indexFile) || fs.readFileSync(indexFile, "utf8") !== indexText) {
    writeJsonAtomic(indexFile, index);
    record(indexFile, "written");
  } else record(indexFile, "unchanged");
  return { ...report, index };
}

/**
 * Makes `target` hold the bytes of `source`: unchanged when it is the same inode, or has the same size and
 * sha256 (`knownSha256` saves hashing the source); otherwise a hard link or copy renamed into place.
 */
export async function publishFile(source: string, target: string, knownSha256?: string): Promise<"written" | "unchanged"> {
  const src = fs.statSync(source);
  if (fs.existsSync(target)) {
    const dst = fs.statSync(target);
    if (dst.ino === src.ino && dst.dev === src.dev) return "unchanged";
    if (dst.size === src.size) {
      const want = knownSha256 ?? (await hashFile(source)).sha256;
      if ((await hashFile(target)).sha256 === want) return "unchanged";
    }
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  fs.rmSync(tmp, { force: true });
  try {
    try {
      fs.linkSync(source, tmp);
    } catch {
      fs.copyFileSync(source, tmp); // another device, or a file system without hard links
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return "written";
}

/** Removes files under `dir` that this run did not publish; returns their paths relative to public/. */
function removeExtras(dir: string, keep: Set<string>, publicDir: string): string[] {
  return removeFilesExcept(dir, keep).map((full) => path.relative(publicDir, full));
}

/** Relative paths (posix) of every file under `dir`. */
function listFiles(dir: string, sub = ""): string[] {
  return fs.readdirSync(path.join(dir, sub), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(sub, e.name);
    return e.isDirectory() ? listFiles(dir, rel) : [rel];
  });
}
