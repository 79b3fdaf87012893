// Adding a capability is two files and a rebuild: on a copy of the project, a new task file and MDX page
// (whose items carry markup) go through `npm run build`'s steps; only the new task is scored, the page is
// listed and linked with its charts and probe, and prompts show their markup as text, in HTML and in
// Chromium.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, sharedDir } from "../sharedPath.ts";
import { chromiumGate, launchChromium, recordRequests, startStaticServer, type StaticServer } from "../browser/harness.ts";

const slug = "markup-text";
const script = '<script>alert("x")</script>';
const img = "<img src=x onerror=alert(1)>";
const entities = "&amp; &lt;b&gt; &quot;hi&quot;";

const task = `id: ${slug}
title: Markup in prompts is text
version: 1
description: >-
  Items whose prompts contain HTML: they must be shown as written, never interpreted.
items:
  - id: script-tag
    prompt: ${JSON.stringify(`Tom wrote ${script} on the wall. Then Tom`)}
    answer: " smiled"
    wrong: " cried"
    tags: [synthetic, markup:script]
  - id: img-onerror
    prompt: ${JSON.stringify(`She drew ${img} and then she`)}
    answer: " laughed"
    wrong: " slept"
    tags: [synthetic, markup:img]
  - id: entities
    prompt: ${JSON.stringify(`Mom wrote ${entities} and then she`)}
    answer: " left"
    wrong: " stayed"
    tags: [synthetic, markup:entities]
  - id: plain
    prompt: Once upon a
    answer: " time"
    wrong: " day"
    tags: [synthetic, markup:none]
`;

const page = `---
title: Markup in prompts is text
slug: ${slug}
tasks: [${slug}]
summary: A capability added by the test, with markup in its prompts.
order: 99
status: draft
---
import Verdicts from "../../components/Verdicts.astro";
import TaskCharts from "../../components/TaskCharts.astro";
import ExampleTable from "../../components/ExampleTable.astro";

## What it is

Items whose prompts contain HTML.

## Why it is useful to learn

It is not; it checks the site.

## Which models have it

<Verdicts task="${slug}" />

<TaskCharts task="${slug}" />

<ExampleTable task="${slug}" />

## How a transformer might implement it

It does not.
`;

function run(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(output) : reject(new Error(`${args.join(" ")} exited with ${code}:\n${output.slice(-4000)}`))));
  });
}

const gate = chromiumGate();
let project: string;
let dist: string;
let dataLog: string;

beforeAll(async () => {
  // A copy of the project (sources only; node_modules linked), inside tmp/ so Astro keeps its .astro there.
  fs.mkdirSync(path.join(repoRoot, "tmp"), { recursive: true });
  project = fs.mkdtempSync(path.join(repoRoot, "tmp", "add-capability-"));
  for (const entry of ["src", "bin", "scripts", "astro.config.mjs", "tsconfig.json", "package.json", "public/favicon.svg"]) {
    fs.cpSync(path.join(repoRoot, entry), path.join(project, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(project, "node_modules"));
  fs.writeFileSync(path.join(project, "src/content/tasks", `${slug}.yaml`), task);
  fs.writeFileSync(path.join(project, "src/content/capabilities", `${slug}.mdx`), page);

  // The build's steps, with the shared cache: everything but the new task is already scored.
  // ../shared is beside the repository, not beside the copy: name its data files explicitly.
  const env = {
    ...process.env,
    ATLAS_CACHE: path.join(repoRoot, ".cache"),
    ATLAS_DATA: path.join(project, "data"),
    ATLAS_TRAIN_TEXT: path.join(sharedDir, "data", "tinystories-train-first1000.json"),
    ATLAS_STORY_TEXT: path.join(sharedDir, "data", "tinystories-valid-first201.txt"),
    ASTRO_TELEMETRY_DISABLED: "1",
  };
  // A task of this id scored by an earlier run of this test would be cached: forget it, so it is new again.
  const scoresDir = path.join(repoRoot, ".cache", "scores");
  for (const scorer of fs.existsSync(scoresDir) ? fs.readdirSync(scoresDir) : []) {
    fs.rmSync(path.join(scoresDir, scorer, `${slug}.json`), { force: true });
  }
  const atlas = path.join(project, "bin", "atlas.mjs");
  dataLog = await run(project, [atlas, "data"], env);
  for (const step of ["tokens", "mechanisms", "site-assets"]) await run(project, [atlas, step], env);
  await run(project, [path.join(project, "node_modules", "astro", "astro.js"), "build"], env);
  dist = path.join(project, "dist");
}, 600_000);

afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

const html = (file: string) => fs.readFileSync(path.join(dist, file), "utf8");

describe("adding a capability", () => {
  it("scores only the new task", () => {
    expect(dataLog).toMatch(/scored \d+ new item scores \(tasks: markup-text\)/);
  });

  it("builds its page, lists and links it, with charts and a probe", () => {
    const pageHtml = html(`capabilities/${slug}/index.html`);
    expect(pageHtml).toContain("<h2 id=\"which-models-have-it\">Which models have it</h2>");
    expect(pageHtml).toContain(`id="tab-${slug}-verdicts"`);
    expect(pageHtml).toContain(`<atlas-probe class="probe" id="probe-${slug}"`);
    expect(fs.existsSync(path.join(dist, "figures", `fig-${slug}-main-metric.svg`))).toBe(true);
    expect(html("capabilities/index.html")).toContain(`href="/capabilities/${slug}/"`);
    expect(html("index.html")).toContain(`data-task="${slug}"`);
  });

  it("escapes markup in prompts in the HTML", () => {
    const pageHtml = html(`capabilities/${slug}/index.html`);
    expect(pageHtml).not.toContain(script);
    expect(pageHtml).not.toContain(img);
    expect(pageHtml).toContain("&lt;script&gt;alert(");
    expect(pageHtml).toContain("&lt;img src=x onerror=alert(1)&gt;");
    // The typed entity text stays entity text: "&amp;" in a prompt is written as "&amp;amp;".
    expect(pageHtml).toContain("&amp;amp; &amp;lt;b&amp;gt;");
  });

  describe.runIf(gate.run)("in Chromium", () => {
    let server: StaticServer;
    let browser: Browser;
    let tab: Page;
    let requests: ReturnType<typeof recordRequests>;
    const dialogs: string[] = [];

    beforeAll(async () => {
      server = await startStaticServer([{ urlPrefix: "/", dir: dist }]);
      browser = await launchChromium();
      tab = await browser.newPage();
      tab.on("dialog", async (d) => {
        dialogs.push(d.message());
        await d.dismiss();
      });
      requests = recordRequests(tab);
      await tab.goto(`${server.url}/capabilities/${slug}/`, { waitUntil: "load" });
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it("shows each prompt's markup literally and runs none of it", async () => {
      const row = (id: string) => tab.locator(`#item-${slug}-${id} summary`).first();
      expect(await row("script-tag").textContent()).toContain(script);
      expect(await row("img-onerror").textContent()).toContain(img);
      expect(await row("entities").textContent()).toContain(entities);
      expect(await tab.locator(`#tab-${slug}-examples img`).count()).toBe(0);
      expect(await tab.locator(`#tab-${slug}-examples script`).count()).toBe(0);
      expect(dialogs).toEqual([]);
    });

    it("puts the prompt into the probe as text", async () => {
      await tab.locator(`button.probe-this[data-probe-item="img-onerror"]`).first().click();
      expect(await tab.locator(`#probe-${slug} [data-probe-prompt]`).inputValue()).toBe(`She drew ${img} and then she`);
      expect(dialogs).toEqual([]);
      expect(requests.external()).toEqual([]);
    });
  });
});
