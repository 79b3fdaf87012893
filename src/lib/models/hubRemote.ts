// What the hub says about a repo at a revision, through @huggingface/hub, with its errors turned into one line.
import { HUB_URL, HubApiError, modelInfo, pathsInfo } from "@huggingface/hub";
import { AtlasError } from "../errors.ts";
import { isCommitHash } from "./hubCacheLayout.ts";

export interface HubAccess {
  /** The hub's base URL (https://huggingface.co, or a mirror). */
  hubUrl: string;
  fetch?: typeof fetch;
  accessToken?: string;
}

/** Where the hub is and who asks: the options given, else HF_ENDPOINT and HF_TOKEN, else huggingface.co anonymously. */
export function hubAccess(
  opts: { hubUrl?: string; fetch?: typeof fetch; accessToken?: string },
  env: Record<string, string | undefined>,
): HubAccess {
  return {
    hubUrl: (opts.hubUrl ?? env.HF_ENDPOINT ?? HUB_URL).replace(/\/+$/, ""),
    fetch: opts.fetch,
    accessToken: opts.accessToken ?? env.HF_TOKEN,
  };
}

/** A file of a repo at a commit, with the hashes the hub keeps for it. */
export interface RemoteFile {
  path: string;
  size: number;
  /** sha256 of the content, for files stored with LFS (or xet, which keeps the LFS pointer). */
  lfsSha256?: string;
  /** git blob id, for files stored in git itself (for LFS files it is the pointer's id, so unused). */
  gitBlobSha1?: string;
}

/** The commit a branch, tag or commit resolves to. */
export async function resolveCommit(repo: string, revision: string, access: HubAccess): Promise<string> {
  let sha: unknown;
  try {
    const info = await modelInfo({ name: repo, revision, additionalFields: ["sha"], ...credentials(access) });
    sha = info.sha;
  } catch (error) {
    throw hubError(error, repo, revision, access);
  }
  if (typeof sha !== "string" || !isCommitHash(sha)) {
    throw new AtlasError(`the hub gave no commit for revision ${revision} (got ${JSON.stringify(sha)})`, { model: repo });
  }
  return sha;
}

/** Sizes and hashes of files at a commit; names every file the repo does not have. */
export async function remoteFiles(repo: string, commit: string, files: string[], access: HubAccess): Promise<Map<string, RemoteFile>> {
  let infos: Awaited<ReturnType<typeof pathsInfo>>;
  try {
    infos = await pathsInfo({ repo, paths: files, revision: commit, ...credentials(access) });
  } catch (error) {
    throw hubError(error, repo, commit, access);
  }
  const found = new Map<string, RemoteFile>();
  for (const info of infos) {
    if (info.type !== "file") continue;
    found.set(info.path, {
      path: info.path,
      size: info.size,
      lfsSha256: info.lfs?.oid,
      gitBlobSha1: info.lfs ? undefined : info.oid,
    });
  }
  const missing = files.filter((f) => !found.has(f));
  if (missing.length > 0) {
    throw new AtlasError(`${repo}@${commit} has no file ${missing.join(", ")}`, { model: repo });
  }
  return found;
}

/** The options every @huggingface/hub call takes; the token only when there is one (it checks its form). */
export function credentials(access: HubAccess): { hubUrl: string; fetch?: typeof fetch; accessToken?: string } {
  return { hubUrl: access.hubUrl, ...(access.fetch && { fetch: access.fetch }), ...(access.accessToken && { accessToken: access.accessToken }) };
}

/** One line for any failure of a hub call. */
export function hubError(error: unknown, repo: string, revision: string, access: HubAccess): Error {
  if (error instanceof AtlasError) return error;
  const firstLine = (text: string) => text.split("\n")[0];
  if (error instanceof HubApiError) {
    // The hub answers 401 rather than 404 for a repo that does not exist when no token is sent.
    if (error.statusCode === 404 || error.statusCode === 401) {
      if (/rev/i.test(error.message)) {
        return new AtlasError(`revision ${revision} not found in hub repo ${repo} (${firstLine(error.message)})`, { model: repo });
      }
      if (error.statusCode === 404 || /repo|not found/i.test(error.message)) {
        return new AtlasError(
          `hub repo ${repo} not found at ${access.hubUrl}: check the id (a private or gated repo needs HF_TOKEN)`,
          { model: repo },
        );
      }
    }
    return new AtlasError(`the hub answered ${error.statusCode} for ${repo}@${revision}: ${firstLine(error.message)}`, { model: repo });
  }
  const cause = (error as { cause?: { message?: string } })?.cause?.message;
  const message = firstLine(error instanceof Error ? error.message : String(error));
  return new AtlasError(
    `cannot get ${repo}@${revision} from ${access.hubUrl}: ${message}${cause ? ` (${firstLine(cause)})` : ""}; ` +
      "with the files already cached, set HF_HUB_OFFLINE=1 to use the cache only",
    { model: repo },
  );
}
