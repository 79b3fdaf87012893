// A small static file server for browser tests: URL prefixes mapped to folders, the content types that
// ES modules and WebAssembly need, HEAD and byte ranges, and cross-origin isolation headers so that
// SharedArrayBuffer (multi-threaded wasm) is available to the page.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

export interface StaticRoute {
  /** URL path prefix, e.g. "/models/tiny/"; the longest matching prefix wins. */
  urlPrefix: string;
  /** Folder whose files are served under the prefix. */
  dir: string;
}

export interface StaticServerOptions {
  /** Send COOP same-origin + COEP require-corp (default true), so the page is cross-origin isolated. */
  crossOriginIsolated?: boolean;
}

export interface ServedRequest {
  method: string;
  url: string;
  status: number;
  range?: string;
}

export interface StaticServer {
  /** Origin, e.g. "http://127.0.0.1:41234" (no trailing slash). */
  url: string;
  /** Every request seen, in order of arrival. */
  requests: ServedRequest[];
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".onnx": "application/octet-stream",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

export function contentTypeOf(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** The file a URL path names under the routes, or undefined (also for paths escaping their folder). */
export function resolveRoute(routes: StaticRoute[], urlPath: string): string | undefined {
  const route = routes
    .filter((r) => urlPath.startsWith(r.urlPrefix))
    .sort((a, b) => b.urlPrefix.length - a.urlPrefix.length)[0];
  if (!route) return undefined;
  const root = path.resolve(route.dir);
  let rest = urlPath.slice(route.urlPrefix.length);
  if (rest === "" || rest.endsWith("/")) rest += "index.html";
  const file = path.resolve(root, rest);
  return file === root || file.startsWith(root + path.sep) ? file : undefined;
}

/** Parses a single-range "bytes=a-b" header against a file size; undefined when absent or unsatisfiable. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | "invalid" | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return "invalid";
  let start: number;
  let end: number;
  if (m[1] === "") {
    start = Math.max(0, size - Number(m[2])); // suffix range: the last N bytes
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start > end || start >= size ? "invalid" : { start, end };
}

export async function startStaticServer(routes: StaticRoute[], opts: StaticServerOptions = {}): Promise<StaticServer> {
  const isolated = opts.crossOriginIsolated ?? true;
  const requests: ServedRequest[] = [];

  const server = http.createServer((req, res) => {
    const method = req.method ?? "GET";
    const record: ServedRequest = { method, url: req.url ?? "", status: 0, range: req.headers.range };
    requests.push(record);
    const send = (status: number, headers: Record<string, string | number> = {}, body?: fs.ReadStream | string) => {
      record.status = status;
      if (isolated) {
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Embedder-Policy"] = "require-corp";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
      }
      headers["Cache-Control"] = "no-store";
      res.writeHead(status, headers);
      if (body === undefined || method === "HEAD") {
        if (typeof body === "object") body.destroy();
        res.end();
      } else if (typeof body === "string") res.end(body);
      else body.pipe(res);
    };

    if (method !== "GET" && method !== "HEAD") return send(405, { Allow: "GET, HEAD" });
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    } catch {
      return send(400, { "Content-Type": "text/plain" }, "bad URL");
    }
    const file = resolveRoute(routes, urlPath);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(404, { "Content-Type": "text/plain" }, "not found");

    const size = fs.statSync(file).size;
    const base = { "Content-Type": contentTypeOf(file), "Accept-Ranges": "bytes" };
    const range = parseRange(req.headers.range, size);
    if (range === "invalid") return send(416, { ...base, "Content-Range": `bytes */${size}` });
    if (range) {
      const { start, end } = range;
      return send(206, { ...base, "Content-Length": end - start + 1, "Content-Range": `bytes ${start}-${end}/${size}` }, fs.createReadStream(file, { start, end }));
    }
    send(200, { ...base, "Content-Length": size }, fs.createReadStream(file));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
