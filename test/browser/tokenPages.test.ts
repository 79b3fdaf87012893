// The story explorer and the comparison page in Chromium, checked against the per-token files the site
// serves, decoded here in Node with the producers' codec: a story's tokens, a token's top 5 and colour, the
// scatter, the outliers of the default pair and their links back to the explorer, and no remote requests.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOKEN_TOP_K, type TokenColumns, decodeColumns, decodeIds } from "../../src/lib/tokens/columnCodec.ts";
import { type TokenManifest, tokenManifestSchema } from "../../src/lib/tokens/tokenFiles.ts";
import { type TokenAnalysis, tokenAnalysisSchema } from "../../src/lib/tokens/tokenAnalysis.ts";
import { logprobColour } from "../../src/scripts/tokenColours.ts";
import { storyTokenText } from "../../src/scripts/tokenText.ts";
import { type RequestLog, type StaticServer, browserTestGate, launchChromium, recordConsole, recordRequests, startStaticServer } from "./harness.ts";
import { type BuiltSite, builtSite } from "./siteBuild.ts";

const story = 1;
const pageTimeout = 30_000;

const gate = browserTestGate();

describe.runIf(gate.run)("/explore/ and /compare/ in Chromium", () => {
  let site: BuiltSite;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  let requests: RequestLog;
  let consoleLines: string[];
  let manifest: TokenManifest;
  let analysis: TokenAnalysis;
  let ids: Int32Array;
  let vocab: Record<string, string>;
  /** The two largest models: the comparison's default pair and the explorer's default. */
  let largest: [string, string];
  const timings: string[] = [];
  const columnsCache = new Map<string, TokenColumns>();

  /** A scorer's columns as the site serves them, decoded in Node. */
  const columns = (id: string): TokenColumns => {
    let c = columnsCache.get(id);
    if (!c) {
      const entry = manifest.scorers.find((s) => s.info.id === id)!;
      c = decodeColumns(new Uint8Array(fs.readFileSync(path.join(site.dir, "tokens", entry.file))), manifest.text.tokens);
      columnsCache.set(id, c);
    }
    return c;
  };

  async function waitReady(selector: string): Promise<void> {
    try {
      await page.waitForFunction((s) => document.querySelector(s)?.getAttribute("data-state") === "ready", selector, { timeout: pageTimeout, polling: 20 });
    } catch (e) {
      const state = await page.locator(selector).getAttribute("data-state").catch(() => "?");
      throw new Error(`${selector} did not get ready (state ${state}): ${(e as Error).message}\npage console:\n${consoleLines.join("\n")}`);
    }
  }

  beforeAll(async () => {
    site = await builtSite();
    const { data, siteAssets, astro } = site.seconds;
    timings.push(site.prebuilt ? `site: prebuilt ${site.dir}` : `site build: atlas data ${data.toFixed(1)} s, site-assets ${siteAssets.toFixed(1)} s, astro build ${astro.toFixed(1)} s`);
    const tokensDir = path.join(site.dir, "tokens");
    manifest = tokenManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(tokensDir, "manifest.json"), "utf8")));
    analysis = tokenAnalysisSchema.parse(JSON.parse(fs.readFileSync(path.join(tokensDir, "analysis.json"), "utf8")));
    ids = decodeIds(new Uint8Array(fs.readFileSync(path.join(tokensDir, "ids.bin"))));
    vocab = JSON.parse(fs.readFileSync(path.join(tokensDir, "vocab.json"), "utf8")) as Record<string, string>;
    const models = manifest.scorers.flatMap((s) => (s.info.type === "model" ? [s.info] : [])).sort((a, b) => b.parameters - a.parameters);
    expect(models.length, "the test data need two models").toBeGreaterThanOrEqual(2);
    largest = [models[0].id, models[1].id];
    server = await startStaticServer([{ urlPrefix: "/", dir: site.dir }]);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    requests = recordRequests(context);
    page = await context.newPage();
    consoleLines = recordConsole(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    site?.cleanup();
    if (timings.length) console.log(timings.join("\n"));
  });

  it(`draws story ${story} under the largest model with one span per token`, async () => {
    const model = largest[0];
    await page.goto(`${server.url}/explore/?story=${story}&model=${model}`);
    await waitReady("atlas-story-explorer");
    const explorer = page.locator("atlas-story-explorer");
    timings.push(`explorer, first view: data ${await explorer.getAttribute("data-load-ms")} ms, render ${await explorer.getAttribute("data-render-ms")} ms`);
    const [from, to] = [manifest.storyOffsets[story], manifest.storyOffsets[story + 1]];
    const spans = page.locator(".story-pane").first().locator(".tok");
    expect(await spans.count()).toBe(to - from);
    expect(await spans.first().getAttribute("id")).toBe(`t-${from}`);
    expect(await spans.last().getAttribute("id")).toBe(`t-${to - 1}`);
    const shown = await page.locator(".story-pane").first().locator("[data-story-text]").textContent();
    expect(shown).toBe(Array.from(ids.subarray(from, to), (id) => storyTokenText(vocab[id])).join(""));
    // Static parts came with the HTML: the story list and every scorer, baselines marked.
    expect(await page.locator('[data-pick="story"] option').count()).toBe(manifest.text.stories);
    expect(await page.locator('[data-pick="model"] option').count()).toBe(manifest.scorers.length);
    expect(await page.locator('[data-pick="model"] option', { hasText: "baseline" }).count()).toBe(manifest.scorers.filter((s) => s.info.type === "baseline").length);
    expect(await page.locator("[data-token-provenance]").textContent()).toContain(manifest.provenance.codeVersion);
  });

  it("shows a hovered token's log-prob, rank and top 5 as in the column file, and colours it by p", async () => {
    const model = largest[0];
    const c = columns(model);
    const t = manifest.storyOffsets[story] + 7;
    await page.hover(`#t-${t}`);
    const detail = page.locator("[data-token-detail]");
    await page.waitForFunction((want) => document.querySelector("[data-token-detail]")?.getAttribute("data-t") === want, String(t));
    expect(await detail.isVisible()).toBe(true);
    const top = detail.locator(`section[data-scorer="${model}"] li`);
    expect(await top.count()).toBe(TOKEN_TOP_K);
    expect(Number(await top.first().getAttribute("data-id"))).toBe(c.topIds[t * TOKEN_TOP_K]);
    expect(Number(await top.first().getAttribute("data-logprob"))).toBe(c.topLogprobs[t * TOKEN_TOP_K]);
    expect(await top.first().textContent()).toContain(JSON.stringify(vocab[c.topIds[t * TOKEN_TOP_K]]));
    const summary = await detail.locator(`section[data-scorer="${model}"] p`).first().textContent();
    expect(summary).toContain(`log p ${c.logprob[t].toFixed(3)}`);
    expect(summary).toContain(`rank ${c.rank[t]}`);
    const actualAt = Array.from({ length: TOKEN_TOP_K }, (_, j) => c.topIds[t * TOKEN_TOP_K + j]).indexOf(ids[t]);
    expect(await detail.locator("li.actual").count()).toBe(actualAt >= 0 ? 1 : 0);
    const background = await page.locator(`#t-${t}`).evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(background).toBe(logprobColour(c.logprob[t]));
  });

  it("switches to a baseline, and to a difference view, keeping the state in the URL", async () => {
    const baseline = manifest.scorers.find((s) => s.info.type === "baseline")!.info.id;
    const explorer = page.locator("atlas-story-explorer");
    const started = performance.now();
    await page.locator('[data-pick="model"]').selectOption(baseline);
    await page.waitForFunction((b) => document.querySelector("atlas-story-explorer")?.getAttribute("data-model") === b && document.querySelector("atlas-story-explorer")?.getAttribute("data-state") === "ready", baseline);
    timings.push(`explorer, switch to ${baseline} (cold): ${(performance.now() - started).toFixed(0)} ms here, render ${await explorer.getAttribute("data-render-ms")} ms in page`);
    const t = manifest.storyOffsets[story] + 3;
    expect(await page.locator(`#t-${t}`).evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(logprobColour(columns(baseline).logprob[t]));
    await page.locator('[data-pick="vs"]').selectOption(largest[0]);
    await waitReady("atlas-story-explorer");
    expect(await page.locator(".story-pane").count()).toBe(2);
    await page.locator('[data-view] input[value="diff"]').check();
    await waitReady("atlas-story-explorer");
    expect(await page.locator(".story-pane").count()).toBe(1);
    expect(new URL(page.url()).search).toBe(`?story=${story}&model=${baseline}&vs=${largest[0]}&view=diff`);
  });

  it("draws the scatter of the two largest models and lists the largest differences each way first", async () => {
    await page.goto(`${server.url}/compare/`);
    await waitReady("atlas-token-compare");
    const compare = page.locator("atlas-token-compare");
    timings.push(
      `compare, first pair: data ${await compare.getAttribute("data-load-ms")} ms, scatter + outliers ${await compare.getAttribute("data-draw-ms")} ms (scatter alone ${await compare.getAttribute("data-scatter-ms")} ms) for ${manifest.text.tokens} tokens`,
    );
    const [a, b] = largest;
    expect(await page.locator('[data-pick="a"]').inputValue()).toBe(a);
    expect(await page.locator('[data-pick="b"]').inputValue()).toBe(b);

    // The canvas holds the points: many pixels drawn, not a blank.
    const drawn = await page.locator("[data-scatter]").evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
      return { painted, total: data.length / 4 };
    });
    expect(drawn.painted).toBeGreaterThan(drawn.total * 0.05);

    // Outliers from the columns in Node: the largest log p(A) − log p(B) each way.
    const la = columns(a).logprob;
    const lb = columns(b).logprob;
    let up = -1;
    let down = -1;
    for (let t = 0; t < la.length; t++) {
      const d = la[t] - lb[t];
      if (d > 0 && (up < 0 || d > la[up] - lb[up])) up = t;
      if (d < 0 && (down < 0 || d < la[down] - lb[down])) down = t;
    }
    const firstA = page.locator('[data-outliers="a"] li').first();
    const firstB = page.locator('[data-outliers="b"] li').first();
    expect(Number(await firstA.getAttribute("data-token"))).toBe(up);
    expect(Number(await firstB.getAttribute("data-token"))).toBe(down);
    expect(await page.locator('[data-outliers="a"] li').count()).toBe(25);
    const diffs = await page.locator('[data-outliers="a"] li').evaluateAll((lis) => lis.map((li) => Number(li.getAttribute("data-diff"))));
    expect(diffs).toEqual([...diffs].sort((x, y) => y - x));
    const i = analysis.scorerIds.indexOf(a);
    const j = analysis.scorerIds.indexOf(b);
    expect(await page.locator("[data-correlation]").textContent()).toContain(`r = ${analysis.correlations[i][j].toFixed(3)}`);

    // The outlier with the largest |difference| of all leads to the explorer with that token highlighted.
    const maxAbs = Math.abs(la[up] - lb[up]) >= Math.abs(la[down] - lb[down]) ? { t: up, li: firstA } : { t: down, li: firstB };
    await maxAbs.li.locator("a").click();
    await page.waitForURL(/\/explore\//);
    await waitReady("atlas-story-explorer");
    expect(new URL(page.url()).hash).toBe(`#t-${maxAbs.t}`);
    const target = page.locator(`#t-${maxAbs.t}`);
    expect(await target.getAttribute("class")).toContain("tok-target");
    expect(await target.textContent()).toBe(storyTokenText(vocab[ids[maxAbs.t]]));
    expect(await page.locator("[data-token-detail]").getAttribute("data-t")).toBe(String(maxAbs.t));
  });

  it("redraws the scatter for another pair", async () => {
    await page.goto(`${server.url}/compare/`);
    await waitReady("atlas-token-compare");
    const baseline = manifest.scorers.find((s) => s.info.type === "baseline")!.info.id;
    const started = performance.now();
    await page.locator('[data-pick="b"]').selectOption(baseline);
    await page.waitForFunction((p) => document.querySelector("atlas-token-compare")?.getAttribute("data-pair") === p, `${largest[0]} ${baseline}`);
    await waitReady("atlas-token-compare");
    const compare = page.locator("atlas-token-compare");
    timings.push(`compare, switch B to ${baseline} (cold): ${(performance.now() - started).toFixed(0)} ms here, draw ${await compare.getAttribute("data-draw-ms")} ms in page`);
    expect(await page.locator('[data-outliers="b"] li').count()).toBeGreaterThan(0);
  });

  it("renders the PCA, correlations and mean losses at build time", async () => {
    expect(await page.locator("[data-pca-component]").count()).toBe(analysis.components.length);
    const firstHigh = page.locator('[data-pca-component="1"] [data-pca-end="high"] li').first();
    expect(Number(await firstHigh.getAttribute("data-token"))).toBe(analysis.components[0].high[0].token);
    expect(await firstHigh.locator("a").getAttribute("href")).toMatch(new RegExp(`/explore/\\?story=\\d+&model=[^#]+#t-${analysis.components[0].high[0].token}$`));
    expect(await page.locator("[data-mean-loss] [data-scorer]").count()).toBe(manifest.scorers.length);
    expect(await page.locator("[data-correlations] tbody tr").count()).toBe(manifest.scorers.length);
  });

  it("fetched nothing from anywhere but the test server", () => {
    expect(requests.external(), "requests that left 127.0.0.1").toEqual([]);
    const failed = server.requests.filter((r) => r.status >= 400 && r.url !== "/favicon.ico");
    expect(failed.map((r) => `${r.status} ${r.url}`)).toEqual([]);
  });
});
