import { beforeAll, describe, expect, it } from "vitest";
import { KneserNeyModel } from "../../../src/lib/baselines/kneserNey.ts";
import { countNgrams, type NgramCounts } from "../../../src/lib/baselines/ngramCounts.ts";
import type { Tokenizer } from "../../../src/lib/models/tokenizer.ts";
import { encodeCorpus } from "../../../src/lib/baselines/tokenCorpus.ts";
import { readStoryFile } from "../../../src/lib/baselines/trainingText.ts";
import { haveSharedData, sharedTokenizer, sharedTrainFile } from "./sharedTraining.ts";
import { E, sum, tinyCounts, V } from "./tinyCorpus.ts";

function expectNear(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(expected)));
}

/** Dense p(. | a b) of a model. */
function dense(model: KneserNeyModel, a: number, b: number): Float64Array {
  const out = new Float64Array(model.vocabSize);
  model.fill(out, a, b);
  return out;
}

// Tiny corpus, fixed D = 0.75 everywhere (hand arithmetic).
// Continuation unigram N1+(. c) over bigram types (E,1) (1,2) (2,3) (3,1) (2,4) (4,E):
//   N(1) = 2, N(2) = N(3) = N(4) = N(E) = 1, total 6, five types: gamma1 = 5 * 0.75 / 6 = 0.625
//   p1(c) = (N(c) - 0.75) / 6 + 0.625 / V   (0.625 / V for an unseen id)
const u = 0.625 / V;
const p1 = { 1: 1.25 / 6 + u, 2: 0.25 / 6 + u, 3: 0.25 / 6 + u, 4: 0.25 / 6 + u, E: 0.25 / 6 + u, unseen: u };

describe("Kneser-Ney, order 2, on the tiny corpus (D = 0.75)", () => {
  const model = new KneserNeyModel(tinyCounts(), 2, { discounts: 0.75 });

  it("context 2: c(2 3) = c(2 4) = 1, total 2, gamma = 2 * 0.75 / 2 = 0.75", () => {
    expectNear(model.probability(3, E, 2), 0.25 / 2 + 0.75 * p1[3]);
    expectNear(model.probability(4, E, 2), 0.25 / 2 + 0.75 * p1[4]);
    expectNear(model.probability(1, E, 2), 0.75 * p1[1]);
    expectNear(model.probability(99, E, 2), 0.75 * p1.unseen);
  });

  it("context 1: c(1 2) = 2, total 2, gamma = 0.75 / 2 = 0.375", () => {
    expectNear(model.probability(2, E, 1), 1.25 / 2 + 0.375 * p1[2]);
    expectNear(model.probability(1, E, 1), 0.375 * p1[1]);
  });

  it("an unseen context is the continuation unigram", () => {
    expectNear(model.probability(1, E, 77), p1[1]);
    expectNear(model.probability(E, E, 77), p1.E);
  });

  it("dense fills agree with single lookups and sum to 1", () => {
    for (const b of [1, 2, 3, 4, E, 77]) {
      const p = dense(model, E, b);
      expect(Math.abs(sum(p) - 1)).toBeLessThan(1e-12);
      for (const c of [0, 1, 2, 3, 4, 5, E]) expectNear(p[c], model.probability(c, E, b));
    }
  });
});

describe("Kneser-Ney, order 3, on the tiny corpus (D = 0.75)", () => {
  const model = new KneserNeyModel(tinyCounts(), 3, { discounts: 0.75 });
  // Middle order: continuation counts N1+(. b c) over trigram types.
  //   b = 2: (1,2,3) (1,2,4) -> N(. 2 3) = N(. 2 4) = 1, total 2, gamma2 = 0.75
  const p2of2 = (c: number, p1c: number) => (c === 3 || c === 4 ? 0.25 / 2 : 0) + 0.75 * p1c;
  //   b = 1: (E,1,2) (3,1,2) -> N(. 1 2) = 2, total 2, gamma2 = 0.375
  const p2of1 = (c: number, p1c: number) => (c === 2 ? 1.25 / 2 : 0) + 0.375 * p1c;
  //   b = E: (E,E,1) -> N(. E 1) = 1, total 1, gamma2 = 0.75
  const p2ofE = (c: number, p1c: number) => (c === 1 ? 0.25 : 0) + 0.75 * p1c;

  it("context (1 2): c(1 2 3) = c(1 2 4) = 1, total 2, gamma3 = 0.75", () => {
    expectNear(model.probability(3, 1, 2), 0.25 / 2 + 0.75 * p2of2(3, p1[3]));
    expectNear(model.probability(1, 1, 2), 0.75 * p2of2(1, p1[1]));
    expectNear(model.probability(50000, 1, 2), 0.75 * p2of2(50000, p1.unseen));
  });

  it("context (E 1): c(E 1 2) = 1, total 1, gamma3 = 0.75", () => {
    expectNear(model.probability(2, E, 1), 0.25 + 0.75 * p2of1(2, p1[2]));
  });

  it("the story start (E E): c(E E 1) = 1", () => {
    expectNear(model.probability(1, E, E), 0.25 + 0.75 * p2ofE(1, p1[1]));
    expectNear(model.probability(2, E, E), 0.75 * p2ofE(2, p1[2]));
  });

  it("an unseen pair backs off to the middle order; an unseen token to the unigram", () => {
    expectNear(model.probability(2, 4, 1), p2of1(2, p1[2]));
    expectNear(model.probability(3, 77, 2), p2of2(3, p1[3]));
    expectNear(model.probability(3, 1, 77), p1[3]);
  });

  it("every distribution sums to 1 and agrees with single lookups", () => {
    for (const [a, b] of [[1, 2], [E, 1], [E, E], [4, 1], [2, 4], [77, 2], [1, 77]]) {
      const p = dense(model, a, b);
      expect(Math.abs(sum(p) - 1)).toBeLessThan(1e-12);
      expect(p.every((x) => x > 0)).toBe(true);
      for (const c of [0, 1, 2, 3, 4, E]) expectNear(p[c], model.probability(c, a, b));
    }
  });
});

describe("Kneser-Ney, order 1, on the tiny corpus (D = 0.75)", () => {
  it("raw frequencies, discounted and interpolated with uniform", () => {
    const model = new KneserNeyModel(tinyCounts(), 1, { discounts: 0.75 });
    // c(1) = c(2) = 2, c(3) = c(4) = c(E) = 1, total 7; gamma = 5 * 0.75 / 7
    const uniform = (3.75 / 7) / V;
    expectNear(model.probability(1, E, 9), 1.25 / 7 + uniform);
    expectNear(model.probability(3, E, 9), 0.25 / 7 + uniform);
    expectNear(model.probability(9, E, 9), uniform);
    expect(Math.abs(sum(dense(model, E, 1)) - 1)).toBeLessThan(1e-12);
  });

  it("modified discounts fall back to 0.75 on a corpus this small", () => {
    const model = new KneserNeyModel(tinyCounts(), 3);
    expect(model.discounts.map((d) => d.estimated)).toEqual([false, false, false]);
    expect(model.topDiscounts).toEqual([0.75, 0.75, 0.75]);
  });
});

describe.skipIf(!haveSharedData)("Kneser-Ney on the shared training file", () => {
  let tokenizer: Tokenizer;
  let counts: NgramCounts;
  beforeAll(async () => {
    tokenizer = await sharedTokenizer();
    counts = countNgrams(encodeCorpus(readStoryFile(sharedTrainFile), (s) => tokenizer.encode(s)));
  });

  it("estimates modified discounts for every order, and each distribution sums to 1 within 1e-9", () => {
    const ids = tokenizer.encode("Once upon a time, there was a little girl named Lily. She xylophone");
    for (const order of [1, 2, 3] as const) {
      const model = new KneserNeyModel(counts, order);
      expect(model.discounts.every((d) => d.estimated)).toBe(true);
      // Seen contexts, a rare one, and the story start.
      const contexts: [number, number][] = [[E, E], [E, ids[0]], ...ids.slice(1).map((b, i): [number, number] => [ids[i], b])];
      for (const [a, b] of contexts) {
        const p = dense(model, a, b);
        expect(Math.abs(sum(p) - 1)).toBeLessThan(1e-9);
        expect(p.every((x) => x > 0)).toBe(true);
      }
    }
  });
});
