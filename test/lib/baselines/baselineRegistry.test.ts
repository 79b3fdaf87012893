import { describe, expect, it } from "vitest";
import {
  BASELINE_IDS,
  BASELINE_VERSION,
  BASELINES,
  baselineEntry,
  baselineFingerprint,
  baselineScorer,
} from "../../../src/lib/baselines/baselineRegistry.ts";
import { sha256 } from "../../../src/lib/io/hashCache.ts";
import { tinyCounts } from "./tinyCorpus.ts";

const training = { textSha256: "a".repeat(64), tokenizerFingerprint: "b".repeat(64) };

describe("baseline registry", () => {
  it("has unigram, bigram, trigram and copy, each described", () => {
    expect(BASELINE_IDS).toEqual(["unigram", "bigram", "trigram", "copy"]);
    for (const id of BASELINE_IDS) {
      const entry = baselineEntry(id);
      expect(entry.id).toBe(id);
      expect(entry.title.length).toBeGreaterThan(0);
      expect(entry.description.length).toBeGreaterThan(0);
      expect(entry.needs.length).toBeGreaterThan(0);
    }
    expect(BASELINES.copy.needs).toMatch(/induction/);
    expect(BASELINES.copy.params.lambda).toBe(0.9);
    expect(() => baselineEntry("fourgram")).toThrow(/unknown baseline "fourgram"; known: unigram, bigram, trigram, copy/);
  });

  it("fingerprints the version, the baseline and its parameters, the training text and the tokenizer", () => {
    const fp = baselineFingerprint("trigram", training);
    expect(fp).toBe(
      sha256(JSON.stringify({ version: BASELINE_VERSION, id: "trigram", params: BASELINES.trigram.params, textSha256: training.textSha256, tokenizer: training.tokenizerFingerprint })),
    );
    expect(baselineFingerprint("trigram", training)).toBe(fp);
    expect(new Set(BASELINE_IDS.map((id) => baselineFingerprint(id, training))).size).toBe(4);
    expect(baselineFingerprint("trigram", { ...training, textSha256: "c".repeat(64) })).not.toBe(fp);
    expect(baselineFingerprint("trigram", { ...training, tokenizerFingerprint: "d".repeat(64) })).not.toBe(fp);
  });

  it("builds a scorer per id", async () => {
    const counts = tinyCounts();
    for (const id of BASELINE_IDS) {
      const scorer = baselineScorer(id, counts);
      expect(scorer.id).toBe(id);
      const [s] = await scorer.score([{ ids: [1, 2], targets: [[2], [3]] }]);
      expect(s.targetRanks.length).toBe(2);
    }
  });
});
