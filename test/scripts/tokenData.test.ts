import { describe, expect, it } from "vitest";
import { type TokenDataset, staleTokenDataNote } from "../../src/scripts/tokenData.ts";

// Only the manifest's text hash matters to the staleness check.
const dataWithSha = (sha256: string) => ({ manifest: { text: { sha256 } } }) as unknown as TokenDataset;

describe("staleTokenDataNote", () => {
  it("says nothing when the served data are those the page was built from", () => {
    expect(staleTokenDataNote(dataWithSha("abc"), "abc")).toBeUndefined();
  });
  it("says nothing when the page does not know what it was built from", () => {
    expect(staleTokenDataNote(dataWithSha("abc"), undefined)).toBeUndefined();
  });
  it("tells the reader how to fix served data from another build", () => {
    expect(staleTokenDataNote(dataWithSha("abc"), "def")).toMatch(/not those this page was built from: run `atlas site-assets`/);
  });
});
