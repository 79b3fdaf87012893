// Files of a hub model repo at a revision, in a local cache keyed by repo and resolved commit (layout in
// hubCacheLayout.ts). Online: resolve the revision, fetch what the cache lacks, check every hash. Offline
// (offline: true or HF_HUB_OFFLINE=1): the cache only, and an error that lists what is missing.
import path from "node:path";
import { AtlasError } from "../errors.ts";
import {
  checkRepoFileName,
  fileSize,
  hubCacheLayout,
  isCommitHash,
  readManifest,
  readRef,
  writeManifest,
  writeRef,
  type FileDigest,
  type HubCacheLayout,
} from "./hubCacheLayout.ts";
import { hubAccess, remoteFiles, resolveCommit, type RemoteFile } from "./hubRemote.ts";
import { downloadVerified, type DownloadProgress, type ExpectedContent } from "./resumableDownload.ts";

export type { FileDigest } from "./hubCacheLayout.ts";
export type { DownloadProgress } from "./resumableDownload.ts";

/** Hashes and sizes a caller already knows, per repo file. */
export type PinnedFiles = Record<string, { sha256?: string; size?: number }>;

export interface EnsureHubSnapshotOptions {
  /** Hub model repo id, e.g. roneneldan/TinyStories-1M. */
  repo: string;
  /** Branch, tag or commit (default "main"). */
  revision?: string;
  /** Repo files to have, e.g. ["config.json", "pytorch_model.bin"]. */
  files: string[];
  cacheDir: string;
  /** Use the cache only; default from HF_HUB_OFFLINE. */
  offline?: boolean;
  /** Pinned hashes (e.g. from a lock file); checked as well as the hub's. */
  expected?: PinnedFiles;
  progress?: (event: DownloadProgress) => void;
  /** Side effects, passed in so tests use fakes. */
  fetch?: typeof fetch;
  /** Default HF_ENDPOINT, else https://huggingface.co. */
  hubUrl?: string;
  /** Default HF_TOKEN. */
  accessToken?: string;
  /** Where HF_HUB_OFFLINE, HF_ENDPOINT and HF_TOKEN are read (default process.env). */
  env?: Record<string, string | undefined>;
}

export interface HubSnapshot {
  /** Folder holding the files under their repo names. */
  folder: string;
  commit: string;
  files: Record<string, FileDigest>;
}

export function isHubOffline(env: Record<string, string | undefined>): boolean {
  return ["1", "on", "yes", "true"].includes((env.HF_HUB_OFFLINE ?? "").trim().toLowerCase());
}

export async function ensureHubSnapshot(opts: EnsureHubSnapshotOptions): Promise<HubSnapshot> {
  const { repo, files, expected = {} } = opts;
  const revision = opts.revision ?? "main";
  const env = opts.env ?? process.env;
  const layout = hubCacheLayout(opts.cacheDir, repo);
  for (const file of files) checkRepoFileName(repo, file);

  if (opts.offline ?? isHubOffline(env)) return fromCacheOnly(layout, repo, revision, files, expected);

  // A pinned commit that is fully cached needs no network at all.
  if (isCommitHash(revision)) {
    const cached = await readCached(layout, repo, revision, files, expected);
    if (cached.missing.length === 0) return snapshotOf(layout, revision, cached.found);
  }
  const access = hubAccess(opts, env);
  const commit = await resolveCommit(repo, revision, access);
  const cached = await readCached(layout, repo, commit, files, expected);
  if (cached.missing.length > 0) {
    const remote = await remoteFiles(repo, commit, cached.missing, access);
    // All expectations first, so a pin that contradicts the hub fails before anything is downloaded.
    const wants = cached.missing.map((file) => ({ file, want: expectedContent(repo, file, remote.get(file)!, expected[file]) }));
    for (const { file, want } of wants) {
      const target = path.join(layout.snapshotFolder(commit), file);
      cached.found[file] = await downloadVerified({ repo, commit, file, target, expected: want }, access, opts.progress);
    }
    // Last: the manifest is what makes the new files count as cached.
    const previous = await readManifest(layout, commit);
    await writeManifest(layout, { repo, commit, files: { ...previous?.files, ...cached.found } });
  }
  await writeRef(layout, revision, commit);
  return snapshotOf(layout, commit, cached.found);
}

async function fromCacheOnly(
  layout: HubCacheLayout,
  repo: string,
  revision: string,
  files: string[],
  expected: PinnedFiles,
): Promise<HubSnapshot> {
  const commit = isCommitHash(revision) ? revision : await readRef(layout, revision);
  if (commit === undefined) {
    throw new AtlasError(
      `offline, and ${repo}@${revision} is not in the cache: missing ${files.join(", ")} ` +
        `(no commit recorded for revision "${revision}" at ${layout.refFile(revision)})`,
      { model: repo },
    );
  }
  const cached = await readCached(layout, repo, commit, files, expected);
  if (cached.missing.length > 0) {
    throw new AtlasError(
      `offline, and ${cached.missing.length} of ${files.length} files of ${repo}@${revision} (commit ${commit}) ` +
        `are not in the cache: missing ${cached.missing.join(", ")} ` +
        `(looked in ${layout.snapshotFolder(commit)} with manifest ${layout.manifestFile(commit)})`,
      { model: repo },
    );
  }
  return snapshotOf(layout, commit, cached.found);
}

/** Files listed in the snapshot's manifest and present with their recorded size; the rest are missing. */
async function readCached(
  layout: HubCacheLayout,
  repo: string,
  commit: string,
  files: string[],
  expected: PinnedFiles,
): Promise<{ found: Record<string, FileDigest>; missing: string[] }> {
  const manifest = await readManifest(layout, commit);
  const found: Record<string, FileDigest> = {};
  const missing: string[] = [];
  for (const file of files) {
    const digest = manifest?.files[file];
    const onDisk = digest && (await fileSize(path.join(layout.snapshotFolder(commit), file)));
    if (!digest || onDisk !== digest.size) {
      missing.push(file);
      continue;
    }
    // A commit's content never changes: a pin that disagrees with a verified file is a wrong pin.
    const pin = expected[file];
    if ((pin?.sha256 && pin.sha256.toLowerCase() !== digest.sha256) || (pin?.size !== undefined && pin.size !== digest.size)) {
      throw new AtlasError(
        `pinned sha256 ${pin.sha256 ?? "-"} / size ${pin.size ?? "-"} disagree with the cached ${repo}@${commit} ` +
          `(sha256 ${digest.sha256}, size ${digest.size}, checked when downloaded)`,
        { model: repo, file },
      );
    }
    found[file] = digest;
  }
  return { found, missing };
}

/** Everything known about the content before it is fetched; a pin that contradicts the hub fails here. */
function expectedContent(
  repo: string,
  file: string,
  remote: RemoteFile,
  pin: { sha256?: string; size?: number } | undefined,
): ExpectedContent {
  if (pin?.size !== undefined && pin.size !== remote.size) {
    throw new AtlasError(`pinned size ${pin.size} but the hub has ${remote.size} bytes`, { model: repo, file });
  }
  if (pin?.sha256 && remote.lfsSha256 && pin.sha256.toLowerCase() !== remote.lfsSha256.toLowerCase()) {
    throw new AtlasError(`pinned sha256 ${pin.sha256} but the hub's LFS sha256 is ${remote.lfsSha256}`, { model: repo, file });
  }
  const sha256: ExpectedContent["sha256"] = [];
  if (pin?.sha256) sha256.push({ value: pin.sha256, source: "pinned" });
  if (remote.lfsSha256) sha256.push({ value: remote.lfsSha256, source: "hub LFS" });
  return { size: remote.size, sha256, gitBlobSha1: remote.gitBlobSha1 };
}

function snapshotOf(layout: HubCacheLayout, commit: string, files: Record<string, FileDigest>): HubSnapshot {
  return { folder: layout.snapshotFolder(commit), commit, files };
}
