// The one place a browser test file says what happens without Chromium: a clear skip locally, a failure in CI.
import { expect, it } from "vitest";
import { type ChromiumGate, chromiumGate } from "./chromium.ts";

/** Decides whether this file's browser tests run, registering the skip (or the CI failure) when they do not. */
export function browserTestGate(): ChromiumGate {
  const gate = chromiumGate();
  if (!gate.run) {
    if (gate.fail) it("Chromium is installed", () => expect.fail(gate.message));
    else it.skip(gate.message, () => {});
  }
  return gate;
}
