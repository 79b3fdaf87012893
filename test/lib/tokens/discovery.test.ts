// The discovery page's logic on hand-made columns: the funnel's counts, "new in B", grouping by the first
// matching pattern, the residue by token, and the choice of examples.
import { describe, expect, it } from "vitest";
import { type PatternColumn, discover, newIn, pickExamples } from "../../../src/lib/tokens/discovery.ts";

const u8 = (...xs: number[]) => Uint8Array.from(xs);
//                 t: 0  1  2  3  4  5  6  7  8  9
const ids = /*  */ [10, 11, 12, 10, 13, 12, 14, 12, 15, 12];
const confident = u8(1, 1, 1, 1, 0, 1, 1, 1, 1, 0);
const patterns: PatternColumn[] = [
  { id: "bigram", marks: u8(1, 0, 0, 1, 1, 0, 0, 0, 0, 0) },
  { id: "quote", marks: u8(0, 1, 0, 0, 0, 0, 1, 0, 0, 0) },
  { id: "repeat", marks: u8(0, 1, 0, 1, 0, 1, 1, 0, 0, 1) },
];
const all = new Uint8Array(10).fill(1);

describe("discover", () => {
  it("counts the funnel: all tokens, confident, then each filter in pattern order", () => {
    const d = discover([{ label: "all", mask: all }, { label: "confident", mask: confident }], patterns, new Set(["repeat", "bigram"]), ids);
    expect(d.funnel).toEqual([
      { label: "all", pattern: null, count: 10, removed: 0 },
      { label: "confident", pattern: null, count: 8, removed: 2 },
      { label: "minus bigram", pattern: "bigram", count: 6, removed: 2 },
      { label: "minus repeat", pattern: "repeat", count: 3, removed: 3 },
    ]);
    expect(Array.from(d.remaining)).toEqual([0, 0, 1, 0, 0, 0, 0, 1, 1, 0]);
    expect(d.remainingCount).toBe(3);
    // Only the pattern left unfiltered groups; it marks none of the remaining tokens.
    expect(d.groups).toEqual([{ id: "quote", tokens: [], matches: 0 }]);
    expect(d.residueCount).toBe(3);
    // Token 12 twice (t 2, 7), then 15 (t 8).
    expect(d.residue).toEqual([
      { id: 12, tokens: [2, 7] },
      { id: 15, tokens: [8] },
    ]);
  });

  it("groups remaining tokens by the first pattern that marks them, counting overlaps separately", () => {
    const d = discover([{ label: "confident", mask: confident }], patterns, new Set(), ids);
    expect(d.funnel).toEqual([{ label: "confident", pattern: null, count: 8, removed: 0 }]);
    expect(d.groups).toEqual([
      { id: "bigram", tokens: [0, 3], matches: 2 },
      { id: "quote", tokens: [1, 6], matches: 2 },
      { id: "repeat", tokens: [5], matches: 4 },
    ]);
    expect(d.residue).toEqual([
      { id: 12, tokens: [2, 7] },
      { id: 15, tokens: [8] },
    ]);
    const grouped = d.groups.reduce((a, g) => a + g.tokens.length, 0);
    expect(grouped + d.residueCount).toBe(d.remainingCount);
  });

  it("new in B: B confident where A is not", () => {
    const a = u8(1, 0, 1, 0);
    const b = u8(1, 1, 0, 0);
    expect(Array.from(newIn(b, a))).toEqual([0, 1, 0, 0]);
    const d = discover(
      [{ label: "all", mask: u8(1, 1, 1, 1) }, { label: "B", mask: b }, { label: "B not A", mask: newIn(b, a) }],
      [{ id: "p", marks: u8(0, 1, 0, 0) }],
      new Set(["p"]),
      [1, 2, 3, 4],
    );
    expect(d.funnel.map((s) => [s.count, s.removed])).toEqual([[4, 0], [2, 2], [1, 1], [0, 1]]);
  });
});

describe("pickExamples", () => {
  it("prefers distinct tokens from distinct stories, then distinct tokens, then any, in position order", () => {
    const storyOf = (t: number) => (t < 4 ? 0 : t < 8 ? 1 : 2);
    // Tokens 2 and 7 are id 12 (stories 0, 1); 3 is id 10 (story 0); 9 is id 12 (story 2).
    expect(pickExamples([2, 3, 7, 9], ids, storyOf, 2)).toEqual([2, 3]);
    expect(pickExamples([2, 7, 9], ids, storyOf, 2)).toEqual([2, 7]);
    expect(pickExamples([2, 3, 7, 8], ids, storyOf, 3)).toEqual([2, 3, 8]);
    expect(pickExamples([], ids, storyOf, 3)).toEqual([]);
  });
});
