// Load time, memory and responsiveness of the story explorer and the comparison page, with every scorer's
// columns loaded: `npx tsx test/browser/measureTokenPages.ts <built site folder>` (a site built with the
// full data, e.g. 201 stories x all offline scorers). Prints a Markdown summary; not part of the test run.
import fs from "node:fs";
import path from "node:path";
import type { CDPSession, Page } from "playwright-core";
import { tokenManifestSchema } from "../../src/lib/tokens/tokenFiles.ts";
import { launchChromium, recordConsole, startStaticServer } from "./harness.ts";

const dir = path.resolve(process.argv[2] ?? "dist");
const manifest = tokenManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, "tokens", "manifest.json"), "utf8")));
const scorers = manifest.scorers.map((s) => s.info.id);
const models = manifest.scorers.flatMap((s) => (s.info.type === "model" ? [s.info] : [])).sort((a, b) => b.parameters - a.parameters);
const longest = manifest.storyOffsets.slice(1).reduce((best, end, s) => (end - manifest.storyOffsets[s] > manifest.storyOffsets[best + 1] - manifest.storyOffsets[best] ? s : best), 0);
const lines: string[] = [];
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs: number[]) => `median ${median(xs).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;

/**
 * Memory after a full garbage collection (what stays alive), via the DevTools protocol: the V8 heap plus
 * ArrayBuffer backing stores, which hold the typed-array columns outside the V8 heap proper.
 */
async function heap(cdp: CDPSession): Promise<{ v8: number; buffers: number }> {
  await cdp.send("HeapProfiler.collectGarbage");
  const usage = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number; backingStorageSize?: number };
  return { v8: usage.usedSize, buffers: usage.backingStorageSize ?? Number.NaN };
}
const mem = (h: { v8: number; buffers: number }) => `${mb(h.v8 + h.buffers)} (V8 heap ${mb(h.v8)} + array buffers ${mb(h.buffers)})`;

async function waitFor(page: Page, selector: string, attribute: string, value: string): Promise<void> {
  await page.waitForFunction(
    ([s, a, v]) => {
      const e = document.querySelector(s);
      return e?.getAttribute(a) === v && e.getAttribute("data-state") === "ready";
    },
    [selector, attribute, value] as const,
    { timeout: 60_000, polling: 5 },
  );
}

async function attr(page: Page, selector: string, name: string): Promise<number> {
  return Number(await page.locator(selector).getAttribute(name));
}

const server = await startStaticServer([{ urlPrefix: "/", dir }]);
const browser = await launchChromium();
try {
  lines.push(`Data: ${manifest.text.stories} stories, ${manifest.text.tokens} tokens, ${scorers.length} scorers (${scorers.join(", ")}).`);
  const columnBytes = manifest.scorers.reduce((a, s) => a + fs.statSync(path.join(dir, "tokens", s.file)).size, 0);
  const baseBytes = ["manifest.json", "ids.bin", "vocab.json"].reduce((a, f) => a + fs.statSync(path.join(dir, "tokens", f)).size, 0);
  lines.push(`Files: manifest + ids + vocab ${mb(baseBytes)}; columns ${mb(columnBytes / scorers.length)} per scorer, ${mb(columnBytes)} for all.`);

  // The explorer: first view, then every scorer (cold: fetch + decode + draw; warm: draw), then stories.
  {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const log = recordConsole(page);
    const cdp = await page.context().newCDPSession(page);
    const blank = await heap(cdp);
    const started = performance.now();
    await page.goto(`${server.url}/explore/?story=${longest}&model=${models[0].id}`);
    await waitFor(page, "atlas-story-explorer", "data-model", models[0].id);
    const first = performance.now() - started;
    const firstHeap = await heap(cdp);
    const cold: number[] = [];
    const warm: number[] = [];
    for (const round of [cold, warm]) {
      for (const id of [...scorers.filter((s) => s !== models[0].id), models[0].id]) {
        const t0 = performance.now();
        await page.locator('[data-pick="model"]').selectOption(id);
        await waitFor(page, "atlas-story-explorer", "data-model", id);
        round.push(performance.now() - t0);
      }
    }
    const render = await attr(page, "atlas-story-explorer", "data-render-ms");
    const allHeap = await heap(cdp);
    const stories: number[] = [];
    for (const s of [0, 50, 100, 150, longest]) {
      const t0 = performance.now();
      await page.locator('[data-pick="story"]').selectOption(String(s));
      await waitFor(page, "atlas-story-explorer", "data-story", String(s));
      stories.push(performance.now() - t0);
    }
    const tokens = manifest.storyOffsets[longest + 1] - manifest.storyOffsets[longest];
    lines.push(
      `Explorer (story ${longest}, the longest: ${tokens} tokens): HTML to coloured tokens ${first.toFixed(0)} ms; JS memory ${mem(blank)} blank page, ${mem(firstHeap)} after the first view, ${mem(allHeap)} with all ${scorers.length} scorers' columns loaded.`,
      `Explorer, switching scorer (select to coloured, as seen by the test driver): first time (fetch + decode + draw) ${range(cold)}; again ${range(warm)}; in-page draw of the last one ${render.toFixed(1)} ms. Switching story: ${range(stories)}.`,
    );
    if (log.some((l) => l.startsWith("[pageerror]") || l.startsWith("[error]"))) lines.push(`Explorer console: ${log.join(" | ")}`);
    await page.close();
  }

  // The comparison: default pair, then every scorer as B (cold and warm).
  {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const log = recordConsole(page);
    const cdp = await page.context().newCDPSession(page);
    const started = performance.now();
    await page.goto(`${server.url}/compare/`);
    const pair = `${models[0].id} ${models[1].id}`;
    await waitFor(page, "atlas-token-compare", "data-pair", pair);
    const first = performance.now() - started;
    const firstHeap = await heap(cdp);
    const firstDraw = await attr(page, "atlas-token-compare", "data-draw-ms");
    const firstScatter = await attr(page, "atlas-token-compare", "data-scatter-ms");
    const cold: number[] = [];
    const warm: number[] = [];
    const draws: number[] = [];
    const scatters: number[] = [];
    for (const round of [cold, warm]) {
      for (const id of [...scorers.filter((s) => s !== models[1].id), models[1].id]) {
        const t0 = performance.now();
        await page.locator('[data-pick="b"]').selectOption(id);
        await waitFor(page, "atlas-token-compare", "data-pair", `${models[0].id} ${id}`);
        round.push(performance.now() - t0);
        draws.push(await attr(page, "atlas-token-compare", "data-draw-ms"));
        scatters.push(await attr(page, "atlas-token-compare", "data-scatter-ms"));
      }
    }
    const allHeap = await heap(cdp);
    lines.push(
      `Compare (${manifest.text.tokens} points): HTML to scatter and outliers ${first.toFixed(0)} ms (in-page: scatter ${firstScatter.toFixed(1)} ms, scatter + outliers + lists ${firstDraw.toFixed(1)} ms); JS memory ${mem(firstHeap)} with the default pair, ${mem(allHeap)} with all ${scorers.length} scorers' columns loaded.`,
      `Compare, switching B (select to redrawn, driver's view): first time ${range(cold)}; again ${range(warm)}; in-page scatter ${range(scatters)}, scatter + outliers + lists ${range(draws)}.`,
    );
    if (log.some((l) => l.startsWith("[pageerror]") || l.startsWith("[error]"))) lines.push(`Compare console: ${log.join(" | ")}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(lines.map((l) => `- ${l}`).join("\n"));
