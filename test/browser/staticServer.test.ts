// The browser-test static server: content types, HEAD, byte ranges, isolation headers, containment, and
// the Chromium gate's skip/fail decision. No browser needed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumGate } from "./chromium.ts";
import { type StaticServer, parseRange, resolveRoute, startStaticServer } from "./staticServer.ts";

describe("startStaticServer", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-static-"));
  const other = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-static-"));
  let server: StaticServer;

  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, "index.html"), "<p>hi</p>");
    fs.writeFileSync(path.join(dir, "a.mjs"), "export {};");
    fs.writeFileSync(path.join(other, "m.wasm"), Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0]));
    fs.writeFileSync(path.join(other, "model.onnx"), "0123456789");
    server = await startStaticServer([
      { urlPrefix: "/", dir },
      { urlPrefix: "/deep/", dir: other },
    ]);
  });
  afterAll(async () => {
    await server.close();
    for (const d of [dir, other]) fs.rmSync(d, { recursive: true, force: true });
  });

  it("serves files by longest prefix with module, wasm and onnx content types", async () => {
    const html = await fetch(`${server.url}/`);
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await html.text()).toBe("<p>hi</p>");
    expect((await fetch(`${server.url}/a.mjs`)).headers.get("content-type")).toMatch(/^text\/javascript/);
    const wasm = await fetch(`${server.url}/deep/m.wasm`);
    expect(wasm.headers.get("content-type")).toBe("application/wasm");
    expect(new Uint8Array(await wasm.arrayBuffer()).length).toBe(8);
    expect((await fetch(`${server.url}/deep/model.onnx`)).headers.get("content-type")).toBe("application/octet-stream");
  });

  it("sets cross-origin isolation headers", async () => {
    const res = await fetch(`${server.url}/a.mjs`);
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(res.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
  });

  it("answers HEAD and byte ranges", async () => {
    const head = await fetch(`${server.url}/deep/model.onnx`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("10");
    const part = await fetch(`${server.url}/deep/model.onnx`, { headers: { Range: "bytes=2-4" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 2-4/10");
    expect(await part.text()).toBe("234");
    expect((await fetch(`${server.url}/deep/model.onnx`, { headers: { Range: "bytes=20-" } })).status).toBe(416);
  });

  it("404s missing files and records every request", async () => {
    const before = server.requests.length;
    expect((await fetch(`${server.url}/nope.js`)).status).toBe(404);
    expect(server.requests.slice(before)).toEqual([{ method: "GET", url: "/nope.js", status: 404, range: undefined }]);
  });

  it("omits isolation headers when asked", async () => {
    const plain = await startStaticServer([{ urlPrefix: "/", dir }], { crossOriginIsolated: false });
    try {
      expect((await fetch(`${plain.url}/a.mjs`)).headers.get("cross-origin-embedder-policy")).toBeNull();
    } finally {
      await plain.close();
    }
  });
});

describe("resolveRoute and parseRange", () => {
  const routes = [{ urlPrefix: "/", dir: "/srv/site" }, { urlPrefix: "/models/x/", dir: "/data/x" }];

  it("never resolves outside a route's folder", () => {
    expect(resolveRoute(routes, "/models/x/onnx/model.onnx")).toBe("/data/x/onnx/model.onnx");
    expect(resolveRoute(routes, "/models/x/../../etc/passwd")).toBeUndefined();
    expect(resolveRoute(routes, "/../etc/passwd")).toBeUndefined();
  });

  it("parses single byte ranges", () => {
    expect(parseRange(undefined, 10)).toBeUndefined();
    expect(parseRange("bytes=0-0", 10)).toEqual({ start: 0, end: 0 });
    expect(parseRange("bytes=5-", 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange("bytes=-3", 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange("bytes=3-100", 10)).toEqual({ start: 3, end: 9 });
    expect(parseRange("bytes=10-", 10)).toBe("invalid");
    expect(parseRange("items=0-1", 10)).toBe("invalid");
  });
});

describe("chromiumGate", () => {
  it("runs when Chromium is there, fails in CI without it, and skips otherwise", () => {
    expect(chromiumGate({}, true)).toEqual({ run: true });
    expect(chromiumGate({ CI: "true" }, false)).toMatchObject({ run: false, fail: true });
    expect(chromiumGate({}, false)).toMatchObject({ run: false, fail: false });
  });
});
