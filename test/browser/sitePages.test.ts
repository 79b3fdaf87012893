// The built site in Chromium: a capability page ships little JavaScript, its probe runs a model from the
// site's own files and shows the build's p_first for an unedited item, new numbers for an edited prompt,
// a message when model files are missing, and nothing is fetched from anywhere but the test server.
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ResultFile, resultFileSchema } from "../../src/lib/results/resultSchema.ts";
import { repoRoot } from "../sharedPath.ts";
import { type RequestLog, type ScriptSize, type StaticServer, browserTestGate, launchChromium, recordConsole, recordRequests, recordScriptSizes, startStaticServer } from "./harness.ts";
import { type BuiltSite, builtSite } from "./siteBuild.ts";

const task = "induction";
const smallest = "tiny-random-gpt-neo";
const largest = "tinystories-1L-256-replica";
/** The page-weight budget before a probe starts: all JavaScript the HTML loads, gzipped. */
const jsBudgetBytes = 150 * 1024;
/** Model loads on two cores take seconds; the first includes the runtime chunk and 27 MB of wasm. */
const probeTimeout = 60_000;

const gate = browserTestGate();

describe.runIf(gate.run)(`/capabilities/${task}/ in Chromium`, () => {
  let site: BuiltSite;
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let requests: RequestLog;
  let consoleLines: string[];
  let result: ResultFile;
  let scripts: ScriptSize[] = [];
  const timings: string[] = [];
  /** Index into requests.urls at the first click on Run. */
  let requestsBeforeClick = 0;
  let scriptsBeforeClick: ScriptSize[] = [];

  const probe = () => page.locator(`atlas-probe[data-task="${task}"]`);
  const state = () => probe().getAttribute("data-state");
  const pCorrect = async () => Number(await probe().locator("[data-p-correct]").getAttribute("data-p-correct"));
  const buildP = (model: string, itemId: string) => {
    const e = result.scores[model][itemId];
    if ("skipped" in e) throw new Error(`the build skipped ${itemId} for ${model}`);
    return e.p_first;
  };

  /** Clicks Run and waits for the probe to finish; returns the time from click to result, as measured here and in the page. */
  async function runProbe(): Promise<string> {
    const start = performance.now();
    await probe().locator("[data-probe-run]").click();
    try {
      await page.waitForFunction(
        (t) => {
          const s = document.querySelector(`atlas-probe[data-task="${t}"]`)?.getAttribute("data-state");
          return s === "done" || s === "error";
        },
        task,
        { timeout: probeTimeout, polling: 10 },
      );
    } catch (e) {
      throw new Error(`${(e as Error).message}\npage console:\n${consoleLines.join("\n")}`);
    }
    const ms = performance.now() - start;
    if ((await state()) === "error") {
      throw new Error(`probe error: ${await probe().locator("[data-probe-error]").textContent()}\npage console:\n${consoleLines.join("\n")}`);
    }
    return `${ms.toFixed(0)} ms (in page ${await probe().getAttribute("data-run-ms")} ms)`;
  }

  beforeAll(async () => {
    site = await builtSite();
    const { data, siteAssets, astro } = site.seconds;
    timings.push(site.prebuilt ? `site: prebuilt ${site.dir}` : `site build: atlas data ${data.toFixed(1)} s, site-assets ${siteAssets.toFixed(1)} s, astro build ${astro.toFixed(1)} s`);
    const dataDir = path.resolve(repoRoot, process.env.ATLAS_DATA ?? "data");
    result = resultFileSchema.parse(JSON.parse(fs.readFileSync(path.join(dataDir, "results", `${task}.json`), "utf8")));
    server = await startStaticServer([{ urlPrefix: "/", dir: site.dir }]);
    browser = await launchChromium();
    context = await browser.newContext();
    requests = recordRequests(context);
    page = await context.newPage();
    consoleLines = recordConsole(page);
    scripts = recordScriptSizes(page);
    await page.goto(`${server.url}/capabilities/${task}/`);
    await page.waitForFunction(() => customElements.get("atlas-probe") !== undefined);
    await page.waitForLoadState("networkidle");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    site?.cleanup();
    if (timings.length) console.log(timings.join("\n"));
  });

  it("starts idle, with the build's number and no model loaded", async () => {
    expect(await state()).toBe("idle");
    expect(await probe().locator("[data-probe-build]").textContent()).toMatch(/Build: p\(first answer token\)/);
    expect(await probe().locator("[data-probe-model] option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(
      expect.arrayContaining([smallest, largest]),
    );
    scriptsBeforeClick = [...scripts];
    const total = scriptsBeforeClick.reduce((a, s) => a + s.gzipBytes, 0);
    timings.push(`page weight before a probe: ${scriptsBeforeClick.length} scripts, ${(total / 1024).toFixed(1)} KB gzipped JS`);
    expect(total, `gzipped JS before a probe: ${scriptsBeforeClick.map((s) => `${s.url} ${s.gzipBytes}`).join(", ")}`).toBeLessThanOrEqual(jsBudgetBytes);
    expect(requests.urls.filter((u) => /\/ort\/|\/models\/[^/]+\/|probeRuntime/.test(u))).toEqual([]);
  });

  it(`runs ${smallest} on the first item and shows the build's p_first`, async () => {
    const firstItem = result.items[0];
    await probe().locator("[data-probe-model]").selectOption(smallest);
    expect(await probe().locator("[data-probe-item-select]").inputValue()).toBe(firstItem.id);
    requestsBeforeClick = requests.urls.length;
    const cold = await runProbe();
    const live = await pCorrect();
    const expected = buildP(smallest, firstItem.id);
    expect(Math.abs(live - expected), `live ${live} vs build ${expected}`).toBeLessThanOrEqual(1e-4);
    // The fixture's p is tiny, so also check relative agreement (the file keeps 7 significant digits).
    expect(Math.abs(live - expected) / expected).toBeLessThanOrEqual(1e-4);
    expect(await probe().locator(".probe-top li").count()).toBeGreaterThanOrEqual(10);
    expect(await probe().locator("[data-p-wrong]").count()).toBe(1);
    const warm = await runProbe();
    expect(await pCorrect()).toBe(live);
    timings.push(`${smallest}: click to result, cold (incl. transformers.js + wasm): ${cold}; warm: ${warm}`);

    // transformers.js, onnxruntime-web and the model files arrive only after the click.
    const after = requests.urls.slice(requestsBeforeClick);
    expect(requests.urls.slice(0, requestsBeforeClick).filter((u) => /\/ort\/|\/models\/[^/]+\/|probeRuntime/.test(u))).toEqual([]);
    expect(after.some((u) => /probeRuntime.*\.js$/.test(u))).toBe(true);
    expect(after.some((u) => u.endsWith("/ort/ort-wasm-simd-threaded.asyncify.wasm"))).toBe(true);
    expect(after.some((u) => u.endsWith(`/models/${smallest}/onnx/model.onnx`))).toBe(true);
    const runtimeJs = scripts.filter((s) => !scriptsBeforeClick.includes(s)).reduce((a, s) => a + s.gzipBytes, 0);
    const modelBytes = requests.urls
      .slice(requestsBeforeClick)
      .filter((u) => u.includes(`/models/${smallest}/`))
      .map((u) => new URL(u).pathname)
      .filter((p, i, all) => all.indexOf(p) === i)
      .reduce((a, p) => a + fs.statSync(path.join(site.dir, p)).size, 0);
    const wasmBytes = fs.statSync(path.join(site.dir, "ort", "ort-wasm-simd-threaded.asyncify.wasm")).size;
    timings.push(`after a probe starts: +${(runtimeJs / 1024).toFixed(1)} KB gzipped JS, +${(wasmBytes / 1e6).toFixed(1)} MB wasm, +${(modelBytes / 1e6).toFixed(1)} MB of ${smallest}'s files`);
  });

  it(`runs ${largest} (cold and warm) and shows the build's p_first`, async () => {
    const firstItem = result.items[0];
    await probe().locator("[data-probe-model]").selectOption(largest);
    const cold = await runProbe();
    const live = await pCorrect();
    const expected = buildP(largest, firstItem.id);
    expect(Math.abs(live - expected), `live ${live} vs build ${expected}`).toBeLessThanOrEqual(1e-4);
    expect(await probe().locator(".probe-build").textContent()).toContain("build:");
    const warm = await runProbe();
    timings.push(`${largest}: click to result, cold (model files only; runtime already loaded): ${cold}; warm: ${warm}`);
  });

  it("shows new numbers for an edited prompt", async () => {
    const before = await pCorrect();
    const prompt = probe().locator("[data-probe-prompt]");
    await prompt.fill(`The sun was warm and the grass was green. ${await prompt.inputValue()}`);
    await runProbe();
    await page.waitForFunction((old) => Number(document.querySelector("[data-p-correct]")?.getAttribute("data-p-correct")) !== old, before, { timeout: probeTimeout });
    const after = await pCorrect();
    expect(after).not.toBe(before);
    expect(after).toBeGreaterThan(0);
    expect(await probe().locator("[data-probe-build]").textContent()).toMatch(/^Edited/);
    expect(await probe().locator(".probe-build").count()).toBe(0);
  });

  it("says so when the prompt's tokens are not a prefix of prompt + answer", async () => {
    // " wor" is a token, but "…a wor" + "ld" tokenizes as "…a" + " world": the answer has no first token of its own.
    await probe().locator("[data-probe-prompt]").fill("Once upon a time there was a big wor");
    await probe().locator("[data-probe-answer]").fill("ld");
    await runProbe();
    expect(await probe().locator("[data-p-correct]").count()).toBe(0);
    expect(await probe().locator(".probe-summary").textContent()).toMatch(/not a prefix/);
    expect(await probe().locator(".probe-top li").count()).toBeGreaterThanOrEqual(10);
  });

  it("selects an item from the example table's probe button, and re-runs the loaded model on it", async () => {
    const second = result.items[1];
    await page.locator(`button.probe-this[data-probe-item="${second.id}"]`).click();
    expect(await probe().locator("[data-probe-item-select]").inputValue()).toBe(second.id);
    expect(await probe().locator("[data-probe-prompt]").inputValue()).toBe(second.prompt);
    const expected = buildP(largest, second.id);
    await page.waitForFunction(
      ([t, p]) => {
        const probe = document.querySelector(`atlas-probe[data-task="${t}"]`);
        const shown = probe?.querySelector("[data-p-correct]")?.getAttribute("data-p-correct");
        return probe?.getAttribute("data-state") === "done" && shown !== undefined && Math.abs(Number(shown) - Number(p)) <= 1e-4;
      },
      [task, expected] as const,
      { timeout: probeTimeout },
    );
  });

  it("shows a message, not a blank, when a model's files are missing", async () => {
    await probe().locator("[data-probe-model]").evaluate((select) => {
      const option = document.createElement("option");
      option.value = option.textContent = "no-such-model";
      select.append(option);
    });
    await probe().locator("[data-probe-model]").selectOption("no-such-model");
    await probe().locator("[data-probe-run]").click();
    await page.waitForFunction((t) => document.querySelector(`atlas-probe[data-task="${t}"]`)?.getAttribute("data-state") === "error", task, { timeout: probeTimeout });
    const message = probe().locator("[data-probe-error]");
    expect(await message.isVisible()).toBe(true);
    expect(await message.textContent()).toMatch(/no-such-model/);
    expect(server.requests.some((r) => r.url.startsWith("/models/no-such-model/") && r.status === 404)).toBe(true);
  });

  it("fetched nothing from anywhere but the test server", () => {
    expect(requests.external(), "requests that left 127.0.0.1").toEqual([]);
    // Besides the deliberate 404s; Chromium asks for /favicon.ico on its own.
    const failed = server.requests.filter((r) => r.status >= 400 && !r.url.startsWith("/models/no-such-model/") && r.url !== "/favicon.ico");
    expect(failed.map((r) => `${r.status} ${r.url}`)).toEqual([]);
  });
});
