// Token text as pages show it: visible newlines, quoted tokens, context within one story, story openings.
import { describe, expect, it } from "vitest";
import { inlineTokenText, quotedTokenText, storyOpening, storyTokenText, tokenContext } from "../../src/scripts/tokenText.ts";

const vocab = ["Once", " upon", " a", " time", ".", "\n", "The", " end", " <b>"];
const text = (id: number) => vocab[id];
// Story 0: "Once upon a time.\n"; story 1: "The end <b>."
const ids = [0, 1, 2, 3, 4, 5, 6, 7, 8, 4];
const offsets = [0, 6, 10];

describe("token text", () => {
  it("keeps newlines breaking in a story and visible everywhere", () => {
    expect(storyTokenText("\n\n")).toBe("↵\n↵\n");
    expect(inlineTokenText("a\nb\tc")).toBe("a↵b→c");
    expect(inlineTokenText(" cat")).toBe(" cat");
    expect(inlineTokenText("\n\n")).toBe("↵↵");
    expect(inlineTokenText("\t")).toBe("→");
    expect(quotedTokenText(" the")).toBe('" the"');
    expect(quotedTokenText("\n")).toBe('"\\n"');
  });
});

describe("tokenContext", () => {
  it("stays inside the token's story and says where it was cut", () => {
    expect(tokenContext(ids, text, offsets, 1, 7, 8, 3)).toEqual({ before: "The", token: " end", after: " <b>.", cutBefore: false, cutAfter: false });
    expect(tokenContext(ids, text, offsets, 0, 2, 1, 1)).toEqual({ before: " upon", token: " a", after: " time", cutBefore: true, cutAfter: true });
    expect(tokenContext(ids, text, offsets, 0, 4, 1, 3).after).toBe("↵");
  });
});

describe("storyOpening", () => {
  it("returns a short story whole and cuts a long one at a word", () => {
    expect(storyOpening(ids, text, offsets, 0, 60)).toBe("Once upon a time.↵");
    expect(storyOpening(ids, text, offsets, 0, 12)).toBe("Once upon a…");
  });
});
