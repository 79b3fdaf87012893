// A fake Hugging Face hub as a `fetch`: the three endpoints @huggingface/hub calls to download model files
// (model info, paths-info, resolve), with the status codes and headers it reads.
import { createHash } from "node:crypto";

export interface FakeFile {
  content: Uint8Array;
  /** Stored with LFS: paths-info gives its sha256 (of `content`, or `lfsSha256` to fake a wrong one). */
  lfs?: boolean;
  lfsSha256?: string;
  /** Bytes the resolve endpoint sends instead of `content` (a corrupted transfer). */
  served?: Uint8Array;
}

export interface FakeRepo {
  commit: string;
  /** Branches and tags; "main" points at `commit` unless given. */
  refs?: Record<string, string>;
  files: Record<string, FakeFile>;
}

export interface FakeHubOptions {
  /** The next content response for this file sends this many bytes, then fails mid-stream (once). */
  cutAfter?: { file: string; bytes: number };
  /** Answer ranged content requests with 200 and the whole file, as a CDN without Range support would. */
  ignoreRange?: boolean;
}

export interface FakeCall {
  method: string;
  url: string;
  range: string | null;
}

export const fakeHubUrl = "https://hub.test";

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function gitBlobSha1(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.byteLength}\0`).update(bytes).digest("hex");
}

export function fakeHub(repos: Record<string, FakeRepo>, options: FakeHubOptions = {}) {
  const calls: FakeCall[] = [];
  let cut = options.cutAfter;

  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
  const repoNotFound = () => json(404, { error: "Repository not found" }, { "X-Error-Code": "RepoNotFound" });
  const resolveRev = (repo: FakeRepo, rev: string) => (rev === repo.commit ? rev : ({ main: repo.commit, ...repo.refs })[rev]);

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? "GET";
    const range = new Headers(init?.headers).get("Range");
    calls.push({ method, url: url.href, range });
    const pathname = decodeURIComponent(url.pathname);

    let m = /^\/api\/models\/([^/]+\/[^/]+)\/revision\/(.+)$/.exec(pathname);
    if (m && method === "GET") {
      const repo = repos[m[1]];
      if (!repo) return repoNotFound();
      const sha = resolveRev(repo, m[2]);
      if (!sha) return json(404, { error: `Invalid rev id: ${m[2]}` }, { "X-Error-Code": "RevisionNotFound" });
      return json(200, { _id: "0", id: m[1], sha, private: false, downloads: 0, likes: 0, lastModified: "2023-05-01T00:00:00.000Z" });
    }

    m = /^\/api\/models\/([^/]+\/[^/]+)\/paths-info\/(.+)$/.exec(pathname);
    if (m && method === "POST") {
      const repo = repos[m[1]];
      if (!repo) return repoNotFound();
      if (resolveRev(repo, m[2]) !== repo.commit) return json(404, { error: `Invalid rev id: ${m[2]}` });
      const { paths } = JSON.parse(String(init?.body)) as { paths: string[] };
      return json(
        200,
        paths
          .filter((p) => repo.files[p])
          .map((p) => {
            const file = repo.files[p];
            const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256Hex(file.content)}\nsize ${file.content.byteLength}\n`;
            return {
              type: "file",
              path: p,
              size: file.content.byteLength,
              oid: gitBlobSha1(file.lfs ? new TextEncoder().encode(pointer) : file.content),
              ...(file.lfs && { lfs: { oid: file.lfsSha256 ?? sha256Hex(file.content), size: file.content.byteLength, pointerSize: pointer.length } }),
            };
          }),
      );
    }

    m = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(pathname);
    if (m && method === "GET") {
      const repo = repos[m[1]];
      if (!repo) return repoNotFound();
      const commit = resolveRev(repo, m[2]);
      const file = commit === undefined ? undefined : repo.files[m[3]];
      if (!file) return json(404, { error: "Entry not found" }, { "X-Error-Code": "EntryNotFound" });
      const bytes = file.served ?? file.content;
      const total = file.content.byteLength;
      const headers: Record<string, string> = {
        ETag: `"${gitBlobSha1(file.content)}"`,
        "X-Repo-Commit": commit!,
        "Accept-Ranges": "bytes",
        ...(file.lfs && { "X-Linked-ETag": `"${sha256Hex(file.content)}"`, "X-Linked-Size": String(total) }),
      };
      // ignoreRange spares the 1-byte probe: without its Content-Range, @huggingface/hub cannot size the file.
      const r = range && (!options.ignoreRange || range === "bytes=0-0") ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
      const start = r ? Number(r[1]) : 0;
      const end = r && r[2] !== "" ? Math.min(Number(r[2]), total - 1) : total - 1;
      const body = bytes.slice(start, end + 1);
      const isContent = !(r && start === 0 && end === 0);
      if (isContent && cut && cut.file === m[3]) {
        const keep = body.slice(0, cut.bytes);
        cut = undefined;
        let pulls = 0;
        // The first pull delivers `keep`, the next one fails: a connection reset mid-body.
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (pulls++ === 0) controller.enqueue(keep);
            else controller.error(new Error("connection reset by fake hub"));
          },
        });
        return new Response(stream, { status: r ? 206 : 200, headers: r ? { ...headers, "Content-Range": `bytes ${start}-${end}/${total}` } : headers });
      }
      if (r) return new Response(body, { status: 206, headers: { ...headers, "Content-Range": `bytes ${start}-${end}/${total}` } });
      return new Response(body, { status: 200, headers: { ...headers, "Content-Length": String(body.byteLength) } });
    }

    return json(404, { error: `fake hub: no route for ${method} ${url.pathname}` });
  };

  /** Content requests: resolve GETs other than the 1-byte probe downloadFile sends first. */
  const contentCalls = () => calls.filter((c) => c.url.includes("/resolve/") && c.range !== "bytes=0-0");
  return { fetch, calls, contentCalls };
}
