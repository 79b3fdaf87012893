import { describe, expect, it } from "vitest";
import { countNgrams } from "../../../src/lib/baselines/ngramCounts.ts";
import { findContext, ngramCount, ngramTypes, tableFromKeys } from "../../../src/lib/baselines/ngramTable.ts";
import { encodeCorpus, tokenCorpus } from "../../../src/lib/baselines/tokenCorpus.ts";
import { E, tinyCounts, V } from "./tinyCorpus.ts";

/** All (context, next, count) of a table, contexts decoded with `decode`. */
function entries(table: ReturnType<typeof tinyCounts>["bigram"], decode: (key: number) => number[]): [number[], number, number][] {
  const out: [number[], number, number][] = [];
  table.contexts.forEach((key, j) => {
    for (let e = table.offsets[j]; e < table.offsets[j + 1]; e++) out.push([decode(key), table.next[e], table.counts[e]]);
  });
  return out;
}

describe("countNgrams", () => {
  it("counts the tiny corpus [E, 1, 2, 3, 1, 2, 4, E]", () => {
    const counts = tinyCounts();
    expect(counts.stories).toBe(1);
    // Predicted tokens: 1 2 3 1 2 4 E (the leading E is context only).
    expect(counts.tokens).toBe(7);
    const unigram = Object.fromEntries([...counts.unigram.entries()].filter(([, n]) => n > 0));
    expect(unigram).toEqual({ 1: 2, 2: 2, 3: 1, 4: 1, [E]: 1 });

    // Pairs: (E,1) (1,2) (2,3) (3,1) (1,2) (2,4) (4,E); contexts ascending, next ids ascending.
    expect(entries(counts.bigram, (b) => [b])).toEqual([
      [[1], 2, 2],
      [[2], 3, 1],
      [[2], 4, 1],
      [[3], 1, 1],
      [[4], E, 1],
      [[E], 1, 1],
    ]);

    // Triples: (E,E,1) (E,1,2) (1,2,3) (2,3,1) (3,1,2) (1,2,4) (2,4,E).
    expect(entries(counts.trigram, (k) => [Math.floor(k / V), k % V])).toEqual([
      [[1, 2], 3, 1],
      [[1, 2], 4, 1],
      [[2, 3], 1, 1],
      [[2, 4], E, 1],
      [[3, 1], 2, 1],
      [[E, 1], 2, 1],
      [[E, E], 1, 1],
    ]);
    expect(ngramTypes(counts.bigram)).toBe(6);
    expect(ngramTypes(counts.trigram)).toBe(7);
  });

  it("brackets every story separately: no n-gram spans two stories", () => {
    const counts = countNgrams(tokenCorpus([[7, 8], [9]]));
    expect(counts.tokens).toBe(5);
    expect(ngramCount(counts.bigram, 8, 9)).toBe(0);
    expect(ngramCount(counts.bigram, 8, E)).toBe(1);
    expect(ngramCount(counts.bigram, E, 7)).toBe(1);
    expect(ngramCount(counts.bigram, E, 9)).toBe(1);
    expect(ngramCount(counts.trigram, E * V + E, 9)).toBe(1);
    expect(ngramCount(counts.trigram, 7 * V + 8, E)).toBe(1);
    expect(ngramCount(counts.trigram, 8 * V + E, 9)).toBe(0);
  });

  it("handles the largest ids exactly (keys up to V^3 in doubles)", () => {
    // [E, E, E-1, E, E-1, E, E]: (E,E,E-1) (E,E-1,E) (E-1,E,E-1) (E,E-1,E) (E-1,E,E).
    const counts = countNgrams(tokenCorpus([[E - 1, E, E - 1, E]]));
    expect(ngramCount(counts.trigram, (E - 1) * V + E, E - 1)).toBe(1);
    expect(ngramCount(counts.trigram, E * V + (E - 1), E)).toBe(2);
    expect(ngramCount(counts.trigram, (E - 1) * V + E, E)).toBe(1);
    expect(ngramCount(counts.trigram, E * V + E, E - 1)).toBe(1);
    expect(ngramCount(counts.bigram, E - 1, E)).toBe(2);
    expect(ngramCount(counts.bigram, E, E)).toBe(1);
  });

  it("rejects ids outside the vocabulary", () => {
    expect(() => countNgrams(tokenCorpus([[1, 60000]]))).toThrow(/outside the vocabulary/);
  });
});

describe("ngram tables", () => {
  it("groups sorted keys by context and finds contexts by binary search", () => {
    const table = tableFromKeys(Float64Array.from([3 * 10 + 1, 0 * 10 + 5, 3 * 10 + 1, 3 * 10 + 0, 9 * 10 + 9]), 10);
    expect([...table.contexts]).toEqual([0, 3, 9]);
    expect([...table.offsets]).toEqual([0, 1, 3, 4]);
    expect([...table.next]).toEqual([5, 0, 1, 9]);
    expect([...table.counts]).toEqual([1, 1, 2, 1]);
    expect([0, 3, 9, 4, -1, 10].map((k) => findContext(table, k))).toEqual([0, 1, 2, -1, -1, -1]);
  });

  it("an empty corpus gives empty tables", () => {
    const counts = countNgrams(tokenCorpus([]));
    expect(counts.tokens).toBe(0);
    expect(counts.bigram.contexts.length).toBe(0);
    expect(findContext(counts.trigram, 5)).toBe(-1);
  });
});

describe("token corpus", () => {
  it("concatenates encoded stories with their starts", () => {
    const corpus = encodeCorpus(["ab", "", "abc"], (s) => [...s].map((ch) => ch.charCodeAt(0)));
    expect([...corpus.ids]).toEqual([97, 98, 97, 98, 99]);
    expect([...corpus.starts]).toEqual([0, 2, 2, 5]);
  });
});
