// Where hub downloads live on disk, and the two small records kept beside them:
//   <cacheDir>/models--<owner>--<name>/
//     refs/<revision>                 the commit a branch or tag resolved to when last online
//     snapshots/<commit>/<file>       verified files, renamed into place only after their hash was checked
//     snapshots/<commit>/<file>.partial   an unfinished download, resumed from its size
//     manifests/<commit>.json         commit + sha256 and size of each file; written last, so a snapshot
//                                     whose files are not all listed here is incomplete
// Folder names follow the Hugging Face cache's naming, but files are plain copies, not symlinks to blobs.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { AtlasError } from "../errors.ts";
import { writeFileAtomic } from "../io/atomicWrite.ts";

export interface FileDigest {
  sha256: string;
  size: number;
}

export interface SnapshotManifest {
  repo: string;
  commit: string;
  files: Record<string, FileDigest>;
}

export interface HubCacheLayout {
  repoFolder: string;
  refFile(revision: string): string;
  snapshotFolder(commit: string): string;
  manifestFile(commit: string): string;
}

const repoIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/;

export function hubCacheLayout(cacheDir: string, repo: string): HubCacheLayout {
  if (!repoIdPattern.test(repo) || repo.includes("..")) {
    throw new AtlasError(`"${repo}" is not a hub repo id (expected owner/name)`, { model: repo });
  }
  const repoFolder = path.join(path.resolve(cacheDir), `models--${repo.replace("/", "--")}`);
  return {
    repoFolder,
    // A revision may hold slashes (refs/pr/1): one file per revision, its name escaped.
    refFile: (revision) => path.join(repoFolder, "refs", encodeURIComponent(revision)),
    snapshotFolder: (commit) => path.join(repoFolder, "snapshots", commit),
    manifestFile: (commit) => path.join(repoFolder, "manifests", `${commit}.json`),
  };
}

/** A repo file name must stay inside the snapshot folder. */
export function checkRepoFileName(repo: string, file: string): void {
  const parts = file.split("/");
  if (file === "" || path.isAbsolute(file) || file.includes("\\") || parts.some((p) => p === "" || p === "." || p === "..")) {
    throw new AtlasError(`"${file}" is not a relative file name inside the repo`, { model: repo });
  }
}

export function isCommitHash(revision: string): boolean {
  return /^[0-9a-f]{40}$/.test(revision);
}

export async function readRef(layout: HubCacheLayout, revision: string): Promise<string | undefined> {
  const text = await readFile(layout.refFile(revision), "utf8").catch(() => undefined);
  const commit = text?.trim();
  return commit && isCommitHash(commit) ? commit : undefined;
}

export async function writeRef(layout: HubCacheLayout, revision: string, commit: string): Promise<void> {
  if (revision !== commit) writeFileAtomic(layout.refFile(revision), `${commit}\n`);
}

/** The manifest of a snapshot, or undefined when there is none (or it is unreadable: then it counts as absent). */
export async function readManifest(layout: HubCacheLayout, commit: string): Promise<SnapshotManifest | undefined> {
  try {
    const json = JSON.parse(await readFile(layout.manifestFile(commit), "utf8")) as SnapshotManifest;
    if (json.commit !== commit || typeof json.files !== "object" || json.files === null) return undefined;
    return json;
  } catch {
    return undefined;
  }
}

export async function writeManifest(layout: HubCacheLayout, manifest: SnapshotManifest): Promise<void> {
  writeFileAtomic(layout.manifestFile(manifest.commit), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Size of a file, or undefined when it does not exist. */
export async function fileSize(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch {
    return undefined;
  }
}
