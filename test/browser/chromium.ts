// Launching the system Chromium for browser tests, deciding whether a missing browser skips or fails,
// and recording every request a browser context makes (pages and their workers).
import fs from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, Page } from "playwright-core";

export const chromiumPath = "/usr/bin/chromium";

export function chromiumAvailable(): boolean {
  return fs.existsSync(chromiumPath);
}

export type ChromiumGate = { run: true } | { run: false; fail: boolean; message: string };

/** Whether browser tests run: without Chromium they skip locally but must fail in CI (env CI set). */
export function chromiumGate(env: Record<string, string | undefined> = process.env, available = chromiumAvailable()): ChromiumGate {
  if (available) return { run: true };
  const ci = Boolean(env.CI);
  const message = `${chromiumPath} is missing: install Debian's chromium (apt-get install chromium) to run the browser tests`;
  return { run: false, fail: ci, message: ci ? message : `${message}; skipped because CI is not set` };
}

export async function launchChromium(): Promise<Browser> {
  // playwright-core gives every launch a fresh temporary profile, so no cache or state carries over.
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      // Nothing but the test server resolves, so a stray remote fetch fails fast instead of hanging;
      // it is still recorded by recordRequests.
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ],
  });
}

export interface RequestLog {
  urls: string[];
  /** The recorded URLs whose host is not 127.0.0.1 (data: and blob: URLs never leave the machine). */
  external(): string[];
}

/** Records the URL of every request made through a page or a whole context (including workers). */
export function recordRequests(target: Page | BrowserContext): RequestLog {
  const urls: string[] = [];
  target.on("request", (request) => urls.push(request.url()));
  return {
    urls,
    external: () => urls.filter((u) => !isLocal(u)),
  };
}

function isLocal(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === "data:" || u.protocol === "blob:" || u.protocol === "about:") return true;
  return u.hostname === "127.0.0.1";
}

/** Collects console messages and uncaught page errors, so a failing page says why. */
export function recordConsole(page: Page): string[] {
  const lines: string[] = [];
  page.on("console", (m) => lines.push(`[${m.type()}] ${m.text()}`));
  page.on("pageerror", (e) => lines.push(`[pageerror] ${e.message}`));
  return lines;
}

export interface ScriptSize {
  url: string;
  /** The script's body gzipped at level 9: what a reader's browser would download at best. */
  gzipBytes: number;
}

/** Records every script a page loads with its gzipped size, for the page-weight budgets. */
export function recordScriptSizes(page: Page): ScriptSize[] {
  const scripts: ScriptSize[] = [];
  page.on("response", async (response) => {
    if (response.request().resourceType() !== "script") return;
    const body = await response.body().catch(() => Buffer.alloc(0));
    scripts.push({ url: response.url(), gzipBytes: gzipSync(body, { level: 9 }).length });
  });
  return scripts;
}
