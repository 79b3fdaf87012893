// Helpers for tests that run pages in a real browser: one import for the static server, the Chromium
// launcher and request log, and the esbuild page bundler.
export { type ServedRequest, type StaticRoute, type StaticServer, type StaticServerOptions, startStaticServer } from "./staticServer.ts";
export { type ChromiumGate, type RequestLog, chromiumAvailable, chromiumGate, chromiumPath, launchChromium, recordConsole, recordRequests, recordScriptSizes, type ScriptSize } from "./chromium.ts";
export { browserTestGate } from "./chromiumGateTest.ts";
export { type BundledPage, bundlePage } from "./bundlePage.ts";
