import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "../../../src/lib/figures/csv.ts";

describe("CSV", () => {
  it("quotes fields with commas, quotes, line breaks or edge spaces, doubling quotes", () => {
    expect(toCsv(["text", "x", "note"], [
      { text: 'Lily said, "Hello!"', x: 0.125, note: null },
      { text: "plain", x: -2, note: "two\nlines" },
      { text: " Lily", x: 1e-7, note: "" },
    ])).toBe('text,x,note\r\n"Lily said, ""Hello!""",0.125,\r\nplain,-2,"two\nlines"\r\n" Lily",1e-7,\r\n');
  });

  it("writes numbers as JavaScript does (shortest round trip) and non-finite as empty", () => {
    expect(csvField(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(csvField(Number.NaN)).toBe("");
  });

  it("fills missing columns with empty fields", () => {
    expect(toCsv(["a", "b"], [{ a: 1 }])).toBe("a,b\r\n1,\r\n");
  });
});
