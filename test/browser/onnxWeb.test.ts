// The same prepared onnx/model.onnx, run by transformers.js + onnxruntime-web (wasm, two threads) in
// Chromium, against PyTorch's float32 reference and against onnxruntime-node on the very same file:
// logits rows, the layer-0 head-0 attention pattern, and in-browser tokenization, all served locally.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as ort from "onnxruntime-node";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activationNames } from "../../src/lib/models/onnx/activationNames.ts";
import { preparedFiles } from "../../src/lib/models/preparedManifest.ts";
import type { PreparedModel } from "../../src/lib/models/prepareModel.ts";
import { type ReferenceCase, maxAbsDiff, prepareShared, readReference, readReferenceLogits, sharedModelEntries, tempContext } from "../sharedModels.ts";
import { type RequestLog, type StaticServer, bundlePage, browserTestGate, launchChromium, recordConsole, recordRequests, startStaticServer } from "./harness.ts";
import { ortWasmDir } from "./ortWasmDir.ts";
import type { ProbeEnvironment, ProbeResult } from "./pages/logitsProbeProtocol.ts";

const logitsTolerance = 1e-4;
const patternTolerance = 2e-5;
/** Worker threads for onnxruntime-web: 2 exercises the multi-threaded (SharedArrayBuffer) path. */
const browserThreads = 2;

const gate = browserTestGate();
const entries = sharedModelEntries();


/** Measured differences per model, printed at the end so a run shows how close the runtimes are. */
const measured = new Map<string, { reference: number; node: number; nodeVsReference: number; pattern: number }>();

function record(id: string, key: "reference" | "node" | "nodeVsReference" | "pattern", value: number): void {
  const m = measured.get(id) ?? { reference: 0, node: 0, nodeVsReference: 0, pattern: 0 };
  m[key] = Math.max(m[key], value);
  measured.set(id, m);
}

function floatsOfBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, "base64");
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** onnxruntime-node on the same file: the listed logits rows and layer 0 head 0's last pattern row. */
async function runNode(session: ort.InferenceSession, c: ReferenceCase): Promise<{ rows: Float32Array[]; patternLastRow: Float32Array }> {
  const n = c.ids.length;
  const out = await session.run({ input_ids: new ort.Tensor("int64", BigInt64Array.from(c.ids, BigInt), [1, n]) });
  const logits = out.logits.data as Float32Array;
  const pattern = out[activationNames.pattern(0)].data as Float32Array;
  return {
    rows: c.logits_rows.map((row) => logits.slice(row * c.vocab_size, (row + 1) * c.vocab_size)),
    patternLastRow: pattern.slice((n - 1) * n, n * n),
  };
}

describe.runIf(gate.run)("onnxruntime-web in Chromium runs the prepared ONNX like PyTorch and onnxruntime-node", () => {
  const ctx = tempContext();
  const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-browser-"));
  let prepared: Map<string, PreparedModel>;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  let requests: RequestLog;
  let consoleLines: string[];

  beforeAll(async () => {
    prepared = await prepareShared(ctx);
    const bundled = await bundlePage(path.join(import.meta.dirname, "pages", "logitsProbe.ts"), bundleDir);
    server = await startStaticServer([
      { urlPrefix: "/", dir: bundled.dir },
      { urlPrefix: "/ort/", dir: ortWasmDir() },
      ...[...prepared].map(([id, p]) => ({ urlPrefix: `/models/${id}/`, dir: p.dir })),
    ]);
    browser = await launchChromium();
    const context = await browser.newContext();
    requests = recordRequests(context);
    page = await context.newPage();
    consoleLines = recordConsole(page);
    await page.goto(`${server.url}/${bundled.html}`);
    await page.waitForFunction(() => window.logitsProbe !== undefined);
    await page.evaluate((n) => window.logitsProbe!.configure({ numThreads: n }), browserThreads);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(bundleDir, { recursive: true, force: true });
    ctx.cleanup();
    const rows = [...measured].map(([id, m]) =>
      `${id}: web-vs-reference ${m.reference.toExponential(2)}, web-vs-node ${m.node.toExponential(2)}, node-vs-reference ${m.nodeVsReference.toExponential(2)}, pattern ${m.pattern.toExponential(2)}`,
    );
    if (rows.length > 0) console.log(`max abs differences (logits; pattern vs reference):\n${rows.join("\n")}`);
  });

  describe.each(entries.map((e) => [e.id, e] as const))("%s", (id, entry) => {
    const cases = readReference(entry);
    let web: ProbeResult;
    let session: ort.InferenceSession;

    beforeAll(async () => {
      session = await ort.InferenceSession.create(path.join(prepared.get(id)!.dir, preparedFiles.onnxModel));
      const request = { modelId: id, cases: cases.map((c) => ({ ids: c.ids, text: c.text, rows: c.logits_rows })) };
      try {
        web = await page.evaluate((r) => window.logitsProbe!.run(r), request);
      } catch (e) {
        throw new Error(`${(e as Error).message}\npage console:\n${consoleLines.join("\n")}`);
      }
    });
    afterAll(() => session?.release());

    it.each(cases.map((c, i) => [i, c.ids.length, c] as const))("case %i (%i tokens)", async (i, n, c) => {
      const got = web.cases[i];
      if (c.text !== null) expect(got.tokenIds, "in-browser tokenizer ids").toEqual(c.ids);
      expect(got.logitsDims).toEqual([1, n, c.vocab_size]);

      const webRows = floatsOfBase64(got.rowsBase64);
      const reference = readReferenceLogits(entry, c);
      const node = await runNode(session, c);
      c.logits_rows.forEach((row, k) => {
        const webRow = webRows.subarray(k * c.vocab_size, (k + 1) * c.vocab_size);
        const vsReference = maxAbsDiff(webRow, reference[k]);
        const vsNode = maxAbsDiff(webRow, node.rows[k]);
        record(id, "reference", vsReference);
        record(id, "node", vsNode);
        record(id, "nodeVsReference", maxAbsDiff(node.rows[k], reference[k]));
        expect(vsReference, `row ${row}: web vs PyTorch reference`).toBeLessThanOrEqual(logitsTolerance);
        expect(vsNode, `row ${row}: web vs onnxruntime-node`).toBeLessThanOrEqual(logitsTolerance);
      });

      const vsPattern = maxAbsDiff(got.patternLastRow, c.layer0_head0_pattern_last_row);
      record(id, "pattern", vsPattern);
      expect(vsPattern, "layer 0 head 0 pattern, last row, vs reference").toBeLessThanOrEqual(patternTolerance);
      expect(maxAbsDiff(got.patternLastRow, node.patternLastRow), "layer 0 head 0 pattern, last row, vs node").toBeLessThanOrEqual(patternTolerance);
    });
  });

  it("ran cross-origin isolated with worker threads, from 127.0.0.1 only", async () => {
    const environment: ProbeEnvironment = await page.evaluate(() => window.logitsProbe!.environment());
    expect(environment).toMatchObject({ crossOriginIsolated: true, numThreads: browserThreads });
    expect(requests.urls.length).toBeGreaterThan(0);
    expect(requests.external(), "requests that left 127.0.0.1").toEqual([]);
    expect(server.requests.filter((r) => r.status >= 400).map((r) => `${r.status} ${r.url}`)).toEqual([]);
    const wasmFiles = [...new Set(server.requests.filter((r) => r.url.startsWith("/ort/")).map((r) => r.url))];
    expect(wasmFiles.some((u) => u.endsWith(".wasm"))).toBe(true);
    // Threads are emscripten pthreads: Web Workers running onnxruntime-web's .mjs loader.
    expect(page.workers().filter((w) => new URL(w.url()).pathname.startsWith("/ort/")).length).toBeGreaterThan(0);
    console.log(`onnxruntime-web ${environment.ortVersion}, ${environment.numThreads} threads, loaded: ${wasmFiles.join(", ")}`);
  });
});
