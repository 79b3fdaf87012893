// Item metrics: answer tokens by the prefix rule, and exact metric values, against a fake scorer and
// against PyTorch's reference log-probabilities through a real model.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadModel, type LoadedModel } from "../../../src/lib/models/runtime/loadModel.ts";
import { itemRequest, itemScore } from "../../../src/lib/scoring/itemScore.ts";
import { itemTokens } from "../../../src/lib/scoring/itemTokens.ts";
import type { ScoredSequence } from "../../../src/lib/scoring/nextTokenScorer.ts";
import { scoreItems } from "../../../src/lib/scoring/scoreItems.ts";
import type { ScoreEntry } from "../../../src/lib/results/resultSchema.ts";
import { prepareShared, readReference, sharedModelEntries, tempContext } from "../../sharedModels.ts";

const ctx = tempContext();
let model: LoadedModel;
beforeAll(async () => {
  const prepared = await prepareShared(ctx);
  model = await loadModel(prepared.get("tinystories-8L-64-replica")!);
});
afterAll(async () => {
  await model.scorer.release();
  ctx.cleanup();
});

describe("itemTokens", () => {
  it("takes the answer's tokens after the prompt's", () => {
    expect(itemTokens(model.tokenizer, { prompt: "Once upon a", answer: " time", wrong: " day" })).toEqual({
      ok: true,
      promptIds: [7454, 2402, 257],
      answerIds: [640],
      wrongIds: [1110],
    });
    // " Bongo" is " B" + "ongo": after the repeated " B" the answer is one token.
    expect(itemTokens(model.tokenizer, { prompt: "a rabbit named Bongo. B", answer: "ongo" })).toMatchObject({
      ok: true,
      promptIds: [64, 22746, 3706, 347, 25162, 13, 347],
      answerIds: [25162],
    });
  });

  it("reports an item whose prompt tokens are not a prefix (BPE merged across the boundary)", () => {
    const result = itemTokens(model.tokenizer, { prompt: 'He said, "Hi.', answer: '"' });
    expect(result).toEqual({ ok: false, reason: `the prompt's tokens are not a prefix of prompt + answer: ["Hi","."] vs ["Hi",".\\""]` });
    expect(itemTokens(model.tokenizer, { prompt: "a rabbit named Bong", answer: "o" })).toEqual({
      ok: false,
      reason: `the prompt's tokens are not a prefix of prompt + answer: [" B","ong"] vs [" B","ongo"]`,
    });
    expect(itemTokens(model.tokenizer, { prompt: "a rabbit named Bongo. B", answer: "ongo", wrong: "ongo!" })).toEqual({
      ok: false,
      reason: "answer and wrong start with the same token",
    });
  });
});

describe("itemScore", () => {
  it("computes the documented metrics from a scored sequence", () => {
    // Prompt [1, 2], answer [3, 4], wrong [5]: positions 1 and 2 predict the answer tokens.
    const request = itemRequest([1, 2], [3, 4], [5]);
    expect(request).toEqual({ ids: [1, 2, 3], targets: [[2, 2], [3, 5], [4, 4]], scoreFrom: 1 });
    const scored: ScoredSequence = {
      k: 2,
      topK: 5,
      targetLogprobs: Float32Array.from([0, 0, Math.log(0.5), Math.log(0.2), Math.log(0.25), Math.log(0.25)]),
      targetLogits: Float32Array.from([0, 0, 3.5, 2.25, 1, 1]),
      targetRanks: Int32Array.from([1, 1, 2, 3, 1, 1]),
      topLogprobs: Float32Array.from({ length: 15 }, (_, i) => Math.log(0.5 - (i % 5) * 0.05)),
      topIds: Int32Array.from({ length: 15 }, (_, i) => 100 + i),
    };
    const score = itemScore(scored, [1, 2], [3, 4], [5], (id) => `t${id}`);
    expect(score.p_first).toBeCloseTo(0.5, 6);
    expect(score.p_answer).toBeCloseTo(0.125, 6);
    expect(score.rank).toBe(2);
    expect(score.logit_diff).toBe(1.25);
    expect(score.p_wrong).toBeCloseTo(0.2, 6);
    expect(score.top5.map((t) => t.id)).toEqual([105, 106, 107, 108, 109]);
    expect(score.top5[0]).toMatchObject({ text: "t105" });
  });
});

describe("scoreItems with a real model", () => {
  const entry = sharedModelEntries().find((e) => e.id === "tinystories-8L-64-replica")!;
  const reference = readReference(entry)[0]; // "Once upon a time, there was a little girl named Lily. ..."

  it("gives p_first and p_answer equal to PyTorch's next-token probabilities", async () => {
    // Prompt = the first 11 tokens; answer " Lily." = ids 11 and 12 of the reference case.
    const item = { id: "lily", prompt: "Once upon a time, there was a little girl named", answer: " Lily.", wrong: " Tim" };
    const entries: Array<[typeof item, ScoreEntry]> = [];
    await scoreItems({ id: "m", score: (r) => model.scorer.score(r) }, model.tokenizer, [item], { tokenBudget: 4096, maxBatch: 8, maxPositions: 2048 }, (d) => entries.push(...d));
    const score = entries[0][1];
    if ("skipped" in score) throw new Error(score.skipped);
    expect(score.answer_ids).toEqual([20037, 13]);
    expect(Math.log(score.p_first)).toBeCloseTo(reference.next_token_logprob[10], 4);
    expect(Math.log(score.p_answer)).toBeCloseTo(reference.next_token_logprob[10] + reference.next_token_logprob[11], 4);
    expect(score.top5[0].id).toBe(reference.argmax[10]);
    expect(score.rank).toBe(reference.argmax[10] === 20037 ? 1 : score.top5.findIndex((t) => t.id === 20037) + 1 || score.rank);
  });

  it("scores a batch exactly as items one at a time, and reports skipped items", async () => {
    const items = [
      { id: "a", prompt: "Once upon a", answer: " time", wrong: " day" },
      { id: "b", prompt: "The cat sat on the", answer: " mat" },
      { id: "c", prompt: 'He said, "Hi.', answer: '"' },
      { id: "d", prompt: "Lily and Tom went to the park. Tom gave a ball to", answer: " Lily", wrong: " Tom" },
    ];
    const scorer = { id: "m", score: (r: Parameters<typeof model.scorer.score>[0]) => model.scorer.score(r) };
    const batched = new Map<string, ScoreEntry>();
    const batches: number[] = [];
    await scoreItems(scorer, model.tokenizer, items, { tokenBudget: 4096, maxBatch: 8, maxPositions: 2048 }, (done) => {
      batches.push(done.length);
      for (const [item, entry] of done) batched.set(item.id, entry);
    });
    expect(batches).toEqual([1, 3]); // the skipped item first, then one forward pass for the rest
    expect(batched.get("c")).toEqual({ skipped: expect.stringContaining("not a prefix") });
    for (const item of items.filter((i) => i.id !== "c")) {
      const alone: ScoreEntry[] = [];
      await scoreItems(scorer, model.tokenizer, [item], { tokenBudget: 4096, maxBatch: 1, maxPositions: 2048 }, (d) => alone.push(d[0][1]));
      const [a, b] = [alone[0], batched.get(item.id)!];
      if ("skipped" in a || "skipped" in b) throw new Error("unexpected skip");
      expect(b.rank).toBe(a.rank);
      expect(b.top5.map((t) => t.id)).toEqual(a.top5.map((t) => t.id));
      expect(Math.abs(b.p_first - a.p_first)).toBeLessThan(1e-6);
      expect(Math.abs((b.logit_diff ?? 0) - (a.logit_diff ?? 0))).toBeLessThan(1e-5);
    }
  });
});
