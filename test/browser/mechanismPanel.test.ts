// The mechanism panel of /capabilities/induction/ in Chromium: no items file is fetched before a click; a
// click on a head (in the head-ablation picture or the heads table) shows its attention on each item, with
// exactly the tokens and weights of the items file the site serves (decoded here with the same codec); and
// the probe's live attention view, from the same ONNX run as its probabilities, agrees with the items file
// for an unedited item to within the file's u8 quantisation. Nothing is fetched from elsewhere.
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAttentionRow } from "../../src/lib/mechanisms/attentionCodec.ts";
import { type ItemsFile, itemsFileSchema } from "../../src/lib/mechanisms/itemsFileSchema.ts";
import { type MechanismFile, mechanismFileSchema } from "../../src/lib/mechanisms/mechanismSchema.ts";
import type { HeadAttentionConfig } from "../../src/lib/site/headAttentionConfig.ts";
import { inlineTokenText } from "../../src/scripts/tokenText.ts";
import { type RequestLog, type ScriptSize, type StaticServer, browserTestGate, launchChromium, recordConsole, recordRequests, recordScriptSizes, startStaticServer } from "./harness.ts";
import { type BuiltSite, builtSite } from "./siteBuild.ts";

const task = "induction";
/** The probe's smallest model (the shared random fixture): the quickest to load. */
const smallest = "tiny-random-gpt-neo";
const jsBudgetBytes = 150 * 1024;
const timeout = 60_000;
/** The items file stores round(w * 255) / 255; the live run is float32 from a different runtime. */
const quantisation = 1 / 255 + 1e-6;

const gate = browserTestGate();

describe.runIf(gate.run)(`the mechanism panel of /capabilities/${task}/ in Chromium`, () => {
  let site: BuiltSite;
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let requests: RequestLog;
  let consoleLines: string[];
  let mechanisms: MechanismFile;
  let scripts: ScriptSize[] = [];
  const notes: string[] = [];

  const view = () => page.locator("atlas-head-attention");
  const itemsRequests = () => requests.urls.filter((u) => new URL(u).pathname.includes("/mechanisms/items/"));
  /** The items file as the site serves it (what the page fetched). */
  const itemsFile = (model: string): ItemsFile => {
    const m = mechanisms.models.find((x) => x.model.id === model)!;
    return itemsFileSchema.parse(JSON.parse(fs.readFileSync(path.join(site.dir, "mechanisms", m.itemsFile), "utf8")));
  };

  async function waitFor(state: () => Promise<string | null>, wanted: string[], what: string): Promise<string | null> {
    const start = Date.now();
    for (;;) {
      const s = await state();
      if (s && wanted.includes(s)) return s;
      if (Date.now() - start > timeout) throw new Error(`${what}: still ${s} after ${timeout} ms\npage console:\n${consoleLines.join("\n")}`);
      await page.waitForTimeout(20);
    }
  }

  /** The first item's row in the attention view: its tokens' texts and weights. */
  async function firstItemRow(): Promise<{ id: string; texts: string[]; weights: number[] }> {
    const first = view().locator("[data-attention-items] li").first();
    const tokens = first.locator("[data-weight]");
    return {
      id: (await first.getAttribute("data-item")) ?? "",
      texts: await tokens.evaluateAll((spans) => spans.map((s) => s.textContent ?? "")),
      weights: (await tokens.evaluateAll((spans) => spans.map((s) => (s as HTMLElement).dataset.weight ?? ""))).map(Number),
    };
  }

  beforeAll(async () => {
    site = await builtSite();
    const dataDir = path.resolve(process.env.ATLAS_DATA ?? "data");
    mechanisms = mechanismFileSchema.parse(JSON.parse(fs.readFileSync(path.join(dataDir, "mechanisms", `${task}.json`), "utf8")));
    server = await startStaticServer([{ urlPrefix: "/", dir: site.dir }]);
    browser = await launchChromium();
    context = await browser.newContext();
    requests = recordRequests(context);
    page = await context.newPage();
    consoleLines = recordConsole(page);
    scripts = recordScriptSizes(page);
    await page.goto(`${server.url}/capabilities/${task}/`);
    await page.waitForFunction(() => customElements.get("atlas-head-attention") !== undefined && customElements.get("atlas-probe") !== undefined);
    await page.waitForLoadState("networkidle");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    site?.cleanup();
    if (notes.length) console.log(notes.join("\n"));
  });

  it("loads no items file and nothing heavy before a click", () => {
    expect(itemsRequests()).toEqual([]);
    const total = scripts.reduce((a, s) => a + s.gzipBytes, 0);
    notes.push(`page weight before a click: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} KB gzipped JS`);
    expect(total, scripts.map((s) => `${s.url} ${s.gzipBytes}`).join(", ")).toBeLessThanOrEqual(jsBudgetBytes);
    expect(requests.urls.filter((u) => /\/ort\/|\/models\/[^/]+\/|probeRuntime|embed\./.test(u))).toEqual([]);
  });

  it("shows a clicked head's attention on each item, exactly as the items file has it", async () => {
    const config = JSON.parse((await page.locator("script[data-head-attention-config]").textContent()) ?? "") as HeadAttentionConfig;
    expect(config.grid, "the head-ablation picture's grid").not.toBeNull();
    // The top head of the deepest model with evidence: a cell of the static picture.
    const model = [...mechanisms.models].sort((a, b) => b.model.layers - a.model.layers)[0];
    const [layer, head] = model.ablation.topHeads[0].head.split(".").map(Number);
    const panel = config.grid!.panels.find((p) => p.model === model.model.id)!;
    const picture = page.locator(`figure[data-figure="fig-${task}-head-ablation"] .chart-static img`);
    await picture.scrollIntoViewIfNeeded();
    const box = (await picture.boundingBox())!;
    const scale = box.width / config.grid!.width;
    await picture.click({ position: { x: (panel.x + (head + 0.5) * panel.dx) * scale, y: (panel.y + (layer + 0.5) * panel.dy) * (box.height / config.grid!.height) } });
    await waitFor(() => view().getAttribute("data-state"), ["done", "error"], "the attention view");
    expect(await view().getAttribute("data-state")).toBe("done");
    expect(await view().getAttribute("data-head")).toBe(`${model.model.id} ${layer}.${head}`);
    expect(itemsRequests().map((u) => new URL(u).pathname)).toEqual([`/mechanisms/${model.itemsFile}`]);

    const file = itemsFile(model.model.id);
    const item = file.items[0];
    const row = await firstItemRow();
    expect(row.id).toBe(item.id);
    expect(row.texts.length).toBe(item.tokens.length);
    expect(row.texts).toEqual(item.tokens.map(inlineTokenText));
    expect(row.weights).toEqual([...decodeAttentionRow(item.attention, file.heads, item.tokens.length, layer, head)]);
    expect(await view().locator("[data-attention-items] li").count()).toBe(Math.min(config.pageSize, file.items.length));
    if (file.items.length > config.pageSize) {
      await view().locator("[data-attention-more]").click();
      expect(await view().locator("[data-attention-items] li").count()).toBe(Math.min(2 * config.pageSize, file.items.length));
    }
  });

  it(`switches to a head of ${smallest} from the heads table, fetching its items file only then`, async () => {
    const top = mechanisms.models.find((m) => m.model.id === smallest)!.ablation.topHeads[0].head;
    await view().locator(`button[data-head-pick][data-model="${smallest}"][data-head="${top}"]`).first().click();
    await page.waitForFunction((want) => document.querySelector("atlas-head-attention")?.getAttribute("data-head") === want, `${smallest} ${top}`, { timeout });
    expect(await view().getAttribute("data-state")).toBe("done");
    const [layer, head] = top.split(".").map(Number);
    const file = itemsFile(smallest);
    const row = await firstItemRow();
    expect(row.weights).toEqual([...decodeAttentionRow(file.items[0].attention, file.heads, file.items[0].tokens.length, layer, head)]);
    expect(itemsRequests().filter((u) => u.endsWith(`/${smallest}.json`)).length).toBe(1);
  });

  it(`runs the probe on the first item with ${smallest} and shows layer 0 head 0's live row, as the items file has it`, async () => {
    const file = itemsFile(smallest);
    const item = file.items[0];
    const probe = page.locator(`atlas-probe[data-task="${task}"]`);
    await probe.locator("[data-probe-model]").selectOption(smallest);
    await probe.locator("[data-probe-item-select]").selectOption(item.id);
    await probe.locator("[data-probe-run]").click();
    expect(await waitFor(() => probe.getAttribute("data-state"), ["done", "error"], "the probe"), await probe.locator("[data-probe-error]").textContent() ?? "").toBe("done");
    await probe.locator("[data-probe-attn-layer]").selectOption("0");
    await probe.locator("[data-probe-attn-head]").selectOption("0");
    expect(await probe.locator("[data-probe-attn-row]").getAttribute("data-head")).toBe("0.0");
    const spans = probe.locator("[data-probe-attn-row] [data-weight]");
    const texts = await spans.evaluateAll((s) => s.map((x) => x.textContent ?? ""));
    const live = (await spans.evaluateAll((s) => s.map((x) => (x as HTMLElement).dataset.weight ?? ""))).map(Number);
    expect(texts).toEqual(item.tokens.map(inlineTokenText));
    const stored = decodeAttentionRow(item.attention, file.heads, item.tokens.length, 0, 0);
    const worst = Math.max(...live.map((w, k) => Math.abs(w - stored[k])));
    notes.push(`live attention (${smallest}, ${item.id}, head 0.0) vs items file: largest difference ${worst.toExponential(2)} (allowed ${quantisation.toExponential(2)})`);
    expect(worst).toBeLessThanOrEqual(quantisation);
    expect(Math.abs(live.reduce((a, w) => a + w, 0) - 1)).toBeLessThan(1e-4);
    expect(await probe.locator("[data-probe-attn-canvas]").evaluate((c) => (c as HTMLCanvasElement).width)).toBeGreaterThan(0);

    // Every other head of the same run agrees too.
    for (let layer = 0; layer < file.layers; layer++) {
      for (let head = 0; head < file.heads; head++) {
        await probe.locator("[data-probe-attn-layer]").selectOption(String(layer));
        await probe.locator("[data-probe-attn-head]").selectOption(String(head));
        const w = (await spans.evaluateAll((s) => s.map((x) => (x as HTMLElement).dataset.weight ?? ""))).map(Number);
        const want = decodeAttentionRow(item.attention, file.heads, item.tokens.length, layer, head);
        expect(Math.max(...w.map((x, k) => Math.abs(x - want[k]))), `head ${layer}.${head}`).toBeLessThanOrEqual(quantisation);
      }
    }
  });

  it("fetched nothing from anywhere but the test server", () => {
    expect(requests.external(), "requests that left 127.0.0.1").toEqual([]);
    const failed = server.requests.filter((r) => r.status >= 400 && r.url !== "/favicon.ico");
    expect(failed.map((r) => `${r.status} ${r.url}`)).toEqual([]);
  });
});
