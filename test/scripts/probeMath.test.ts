// The probe's numbers from a logits row: float64 softmax, ranks and top-k as the build defines them, the
// answer's tokens after the prompt's, and probabilities written as plain decimals.
import { describe, expect, it } from "vitest";
import { continuationIds, decimalString, rankOf, softmax64, topK } from "../../src/scripts/probeMath.ts";

describe("softmax64", () => {
  it("sums to one and matches exp(x - logsumexp) even for large logits", () => {
    const logits = Float32Array.from([1000, 999, 998, -5]);
    const p = softmax64(logits);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
    const lse = 1000 + Math.log(1 + Math.exp(-1) + Math.exp(-2) + Math.exp(-1005));
    expect(Math.abs(p[1] - Math.exp(999 - lse)) / p[1]).toBeLessThan(1e-12);
  });
});

describe("rankOf and topK", () => {
  const logits = [0.5, 2, 2, -1, 3];
  it("ranks by strictly larger logits (ties share a rank)", () => {
    expect(rankOf(logits, 4)).toBe(1);
    expect(rankOf(logits, 1)).toBe(2);
    expect(rankOf(logits, 2)).toBe(2);
    expect(rankOf(logits, 3)).toBe(5);
  });
  it("lists the k most likely, ties by smaller id", () => {
    expect(topK(softmax64(logits), 3)).toEqual([4, 1, 2]);
    expect(topK(softmax64(logits), 10)).toEqual([4, 1, 2, 0, 3]);
  });
});

describe("continuationIds", () => {
  // A toy tokenizer: words with their leading space, but "ab" is one token when written together.
  const vocab = new Map([["a", 1], ["b", 2], ["ab", 3], [" c", 4], ["d", 5]]);
  const encode = (text: string) => {
    const out: number[] = [];
    for (let i = 0; i < text.length; ) {
      const two = text.slice(i, i + 2);
      if (vocab.has(two)) {
        out.push(vocab.get(two)!);
        i += 2;
      } else {
        out.push(vocab.get(text[i])!);
        i += 1;
      }
    }
    return out;
  };
  it("takes the tokens after the prompt's", () => {
    expect(continuationIds(encode, encode("ab"), "ab", " cd")).toEqual({ ok: true, ids: [4, 5] });
  });
  it("says so when the prompt's tokens are not a prefix", () => {
    const r = continuationIds(encode, encode("a"), "a", "b");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/not a prefix/);
    expect(continuationIds(encode, encode("a"), "a", "").ok).toBe(false);
  });
});

describe("decimalString", () => {
  it("writes plain decimals that parse back to the same number", () => {
    for (const p of [0.0141146, 2.157462e-7, 1, 0.5, 1e-30, 0.999999999]) {
      const s = decimalString(p);
      expect(s).not.toMatch(/e/i);
      expect(Math.abs(Number(s) - p) / p).toBeLessThan(1e-14);
    }
    expect(decimalString(0)).toBe("0");
  });
});
