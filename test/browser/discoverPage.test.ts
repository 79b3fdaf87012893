// /discover/ in Chromium on the built site: the confident-token count for a model equals the count in its
// column file; checking a filter removes exactly the tokens Node computes from the column and pattern files;
// "new in B" counts B-but-not-A; examples link to the explorer and show token text as text; only the
// chosen models' columns are fetched, and nothing leaves the test server.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodePatternBits, tokenPatternsSchema } from "../../src/lib/tokens/patternFiles.ts";
import { decodeColumns, decodeIds, tokenManifestSchema } from "../../src/lib/tokens/tokenFiles.ts";
import { type RequestLog, type StaticServer, browserTestGate, launchChromium, recordConsole, recordRequests, startStaticServer } from "./harness.ts";
import { type BuiltSite, builtSite } from "./siteBuild.ts";

const modelA = "tinystories-8L-64-replica";
const modelB = "tinystories-1L-256-replica";
const pageTimeout = 30_000;

const gate = browserTestGate();

describe.runIf(gate.run)("/discover/ in Chromium", () => {
  let site: BuiltSite;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  let requests: RequestLog;
  let consoleLines: string[];
  // The published files, read here the way the page reads them.
  let n = 0;
  let ids: Int32Array;
  let vocab: Record<string, string>;
  let patternIds: string[];
  let marks: Uint8Array[];
  const confident = (model: string) => {
    const manifest = tokenManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(site.dir, "tokens", "manifest.json"), "utf8")));
    const entry = manifest.scorers.find((s) => s.info.id === model)!;
    return decodeColumns(new Uint8Array(fs.readFileSync(path.join(site.dir, "tokens", entry.file))), n).confident;
  };
  const ones = (xs: Uint8Array) => xs.reduce((a, x) => a + (x ? 1 : 0), 0);
  /** Tokens of `start` that no pattern in `filters` marks, counted with plain loops. */
  const left = (start: Uint8Array, filters: string[]) => {
    const cols = filters.map((f) => marks[patternIds.indexOf(f)]);
    return Uint8Array.from(start, (x, t) => (x && !cols.some((c) => c[t]) ? 1 : 0));
  };
  const checkedFilters = () => page.locator("input[data-filter]:checked").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).dataset.filter!));
  /** start: the set the panel starts from (A: A's correct and confident tokens; B: B's that A lacks). */
  const shown = (panel: "a" | "b", what: "start" | "remaining") =>
    page.locator(`[data-panel="${panel}"] [data-count-${what}]`).getAttribute(`data-count-${what}`).then(Number);
  async function ready(): Promise<void> {
    try {
      await page.waitForFunction(() => document.querySelector("atlas-discover")?.getAttribute("data-state") === "ready", null, { timeout: pageTimeout, polling: 20 });
    } catch (e) {
      throw new Error(`${(e as Error).message}\nstatus: ${await page.locator("[data-status]").textContent()}\npage console:\n${consoleLines.join("\n")}`);
    }
  }

  beforeAll(async () => {
    site = await builtSite();
    const tokens = path.join(site.dir, "tokens");
    ids = decodeIds(new Uint8Array(fs.readFileSync(path.join(tokens, "ids.bin"))));
    n = ids.length;
    vocab = JSON.parse(fs.readFileSync(path.join(tokens, "vocab.json"), "utf8")) as Record<string, string>;
    const meta = tokenPatternsSchema.parse(JSON.parse(fs.readFileSync(path.join(tokens, "patterns.json"), "utf8")));
    patternIds = meta.patterns.map((p) => p.id);
    marks = decodePatternBits(new Uint8Array(fs.readFileSync(path.join(tokens, meta.file))), patternIds.length, n);
    server = await startStaticServer([{ urlPrefix: "/", dir: site.dir }]);
    browser = await launchChromium();
    const context = await browser.newContext();
    requests = recordRequests(context);
    page = await context.newPage();
    consoleLines = recordConsole(page);
    await page.goto(`${server.url}/discover/`);
    await ready();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    site?.cleanup();
  });

  it("shows model A's correct-and-confident count from its column file, and what the checked filters leave", async () => {
    await page.locator("[data-model-a]").selectOption(modelA);
    await ready();
    const start = confident(modelA);
    expect(await shown("a", "start")).toBe(ones(start));
    expect(ones(start)).toBeGreaterThan(0);
    const filters = await checkedFilters();
    expect(filters).toContain("bigram-confident");
    expect(filters).not.toContain("punctuation");
    expect(await shown("a", "remaining")).toBe(ones(left(start, filters)));
    expect(await page.locator('[data-panel="a"] [data-funnel] tr[data-funnel-step]').count()).toBe(2 + filters.length);
  });

  it("checking a filter removes exactly the tokens that pattern marks among those left", async () => {
    const start = confident(modelA);
    const before = await checkedFilters();
    const leftBefore = left(start, before);
    const drop = ones(Uint8Array.from(leftBefore, (x, t) => x & marks[patternIds.indexOf("punctuation")][t]));
    expect(drop).toBeGreaterThan(0);
    expect(await shown("a", "remaining")).toBe(ones(leftBefore));
    await page.locator('input[data-filter="punctuation"]').check();
    await ready();
    expect(await shown("a", "remaining")).toBe(ones(leftBefore) - drop);
    // Filters apply in pattern order: the punctuation row removes what the filters before it left.
    const earlier = [...before, "punctuation"].filter((f) => patternIds.indexOf(f) < patternIds.indexOf("punctuation"));
    const removed = ones(Uint8Array.from(left(start, earlier), (x, t) => x & marks[patternIds.indexOf("punctuation")][t]));
    expect(await page.locator('[data-panel="a"] tr[data-funnel-step="punctuation"]').getAttribute("data-removed")).toBe(String(removed));
    expect(await page.locator('[data-panel="a"] [data-funnel] tr').last().getAttribute("data-count")).toBe(String(ones(leftBefore) - drop));
    expect(await page.locator('[data-panel="a"] tr[data-group="punctuation"]').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get("filters")?.split(",")).toContain("punctuation");
    // Groups and residue add up to what remains.
    const groupCounts = await page.locator('[data-panel="a"] [data-groups] tr[data-group]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-count"))));
    expect(groupCounts.reduce((a, b) => a + b, 0)).toBe(ones(leftBefore) - drop);
  });

  it("counts new in B: tokens B gets right and confident that A does not", async () => {
    await page.locator("[data-model-b]").selectOption(modelB);
    await ready();
    const a = confident(modelA);
    const b = confident(modelB);
    const newInB = Uint8Array.from(b, (x, t) => (x && !a[t] ? 1 : 0));
    expect(await page.locator('[data-panel="b"]').isVisible()).toBe(true);
    expect(await page.locator('[data-panel="b"] tr[data-funnel-step="start-1"]').getAttribute("data-count")).toBe(String(ones(b)));
    expect(await shown("b", "start")).toBe(ones(newInB));
    expect(await page.locator('[data-panel="b"] tr[data-funnel-step="start-2"]').getAttribute("data-count")).toBe(String(ones(newInB)));
    expect(await shown("b", "remaining")).toBe(ones(left(newInB, await checkedFilters())));
  });

  it("links examples to the explorer and shows token text as text", async () => {
    const link = page.locator('[data-panel="b"] ul.examples li a').first();
    const href = (await link.getAttribute("href"))!;
    const url = new URL(href, server.url);
    expect(url.pathname).toBe("/explore/");
    expect(url.searchParams.get("model")).toBe(modelB);
    const t = Number(/^#t-(\d+)$/.exec(url.hash)?.[1]);
    expect(await link.locator("mark").textContent()).toBe(vocab[ids[t]].replace(/\n/g, "↵"));
    const row = page.locator('[data-panel="a"] tr[data-residue-token]').first();
    const id = Number(await row.getAttribute("data-residue-token"));
    expect(await row.locator("td").first().textContent()).toBe(JSON.stringify(vocab[id]));
  });

  it("restores the view from its URL", async () => {
    await page.goto(`${server.url}/discover/?a=${modelB}&filters=`);
    await ready();
    expect(await page.locator("[data-model-a]").inputValue()).toBe(modelB);
    expect(await checkedFilters()).toEqual([]);
    expect(await shown("a", "remaining")).toBe(ones(confident(modelB)));
  });

  it("fetched only the chosen models' columns, and nothing from anywhere but the test server", () => {
    const columns = requests.urls.filter((u) => u.includes("/tokens/scorers/")).map((u) => path.basename(new URL(u).pathname, ".bin"));
    // The default model A is the smallest replica, which is modelA.
    expect(new Set(columns)).toEqual(new Set([modelA, modelB]));
    expect(requests.external(), "requests that left 127.0.0.1").toEqual([]);
    const failed = server.requests.filter((r) => r.status >= 400 && r.url !== "/favicon.ico");
    expect(failed.map((r) => `${r.status} ${r.url}`)).toEqual([]);
  });
});
