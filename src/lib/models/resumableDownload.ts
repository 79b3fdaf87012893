// One repo file into the cache: resumed from an earlier .partial with a Range request, hash-checked, then
// renamed into place. The .partial is always a prefix of what the server sent, so it is safe to resume from.
import { downloadFile } from "@huggingface/hub";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { AtlasError } from "../errors.ts";
import { hashFile, type FileHashes } from "./fileHashes.ts";
import { fileSize, type FileDigest } from "./hubCacheLayout.ts";
import { credentials, hubError, type HubAccess } from "./hubRemote.ts";

export interface DownloadProgress {
  repo: string;
  file: string;
  /** Bytes of the file on disk so far (resumed bytes included). */
  bytes: number;
  total: number;
}

/** What the content must be: size, and every hash known for it (the pin's and the hub's). */
export interface ExpectedContent {
  size: number;
  sha256: Array<{ value: string; source: string }>;
  gitBlobSha1?: string;
}

export interface DownloadRequest {
  repo: string;
  commit: string;
  file: string;
  /** Final path in the snapshot folder. */
  target: string;
  expected: ExpectedContent;
}

export async function downloadVerified(
  request: DownloadRequest,
  access: HubAccess,
  progress?: (event: DownloadProgress) => void,
): Promise<FileDigest> {
  const { target } = request;
  const partial = `${target}.partial`;
  // Renamed into place by an earlier run that stopped before its manifest: checked again, not fetched again.
  if ((await fileSize(target)) !== undefined) {
    const hashes = await hashFile(target);
    if (mismatch(hashes, request.expected) === undefined) return { sha256: hashes.sha256, size: hashes.size };
    await rm(target, { force: true });
  }
  await mkdir(path.dirname(target), { recursive: true });
  let offset = (await fileSize(partial)) ?? 0;
  if (offset > request.expected.size) {
    await rm(partial, { force: true });
    offset = 0;
  }
  if (offset < request.expected.size) await fetchInto(partial, offset, request, access, progress);
  const hashes = await hashFile(partial);
  const problem = mismatch(hashes, request.expected);
  if (problem !== undefined) {
    await rm(partial, { force: true });
    throw new AtlasError(`${problem} for ${request.file} of ${request.repo}@${request.commit}; the download was discarded`, {
      model: request.repo,
      file: request.file,
    });
  }
  await rename(partial, target);
  return { sha256: hashes.sha256, size: hashes.size };
}

function mismatch(actual: FileHashes, expected: ExpectedContent): string | undefined {
  if (actual.size !== expected.size) return `size mismatch: expected ${expected.size} bytes, got ${actual.size}`;
  for (const { value, source } of expected.sha256) {
    if (actual.sha256 !== value.toLowerCase()) return `sha256 mismatch: expected ${value} (${source}), got ${actual.sha256}`;
  }
  if (expected.gitBlobSha1 && actual.gitBlobSha1 !== expected.gitBlobSha1) {
    return `git blob id mismatch: expected ${expected.gitBlobSha1} (hub), got ${actual.gitBlobSha1}`;
  }
  return undefined;
}

/** Appends the bytes from `offset` on to the .partial; starts over when the server ignores the Range. */
async function fetchInto(
  partial: string,
  offset: number,
  request: DownloadRequest,
  access: HubAccess,
  progress?: (event: DownloadProgress) => void,
): Promise<void> {
  const { repo, commit, file } = request;
  const total = request.expected.size;
  // downloadFile's Blob hides the response; the last one seen tells whether the Range was honoured (206).
  let lastStatus = 0;
  const baseFetch = access.fetch ?? fetch;
  const observingFetch: typeof fetch = async (input, init) => {
    const response = await baseFetch(input, init);
    lastStatus = response.status;
    return response;
  };
  let blob: Blob | null;
  try {
    // xet off: its reconstruction protocol cannot resume from a byte offset; resolve URLs serve xet files too.
    blob = await downloadFile({ repo, path: file, revision: commit, xet: false, ...credentials({ ...access, fetch: observingFetch }) });
  } catch (error) {
    throw hubError(error, repo, commit, access);
  }
  if (!blob) throw new AtlasError(`is not in ${repo}@${commit}`, { model: repo, file });
  // slice(offset) makes the Blob send "Range: bytes=<offset>-<size-1>"; the whole Blob sends no Range.
  const reader = (offset > 0 ? blob.slice(offset) : blob).stream().getReader();
  const handle = await open(partial, offset > 0 ? "a" : "w");
  let bytes = offset;
  let first = true;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (first && offset > 0 && lastStatus !== 206) {
        // A 200 carries the whole file from byte 0: drop the old prefix ("a" then writes at the new end).
        await handle.truncate(0);
        bytes = 0;
      }
      first = false;
      await handle.write(value);
      bytes += value.byteLength;
      progress?.({ repo, file, bytes, total });
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AtlasError(
      `download from ${repo}@${commit} stopped after ${bytes} of ${total} bytes (${reason.split("\n")[0]}); run again to resume`,
      { model: repo, file },
    );
  } finally {
    await handle.close();
  }
}
