// The scoring graph and `atlas logprobs` against the PyTorch reference's next-token log-probabilities.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadModel, type LoadedModel } from "../../../../src/lib/models/runtime/loadModel.ts";
import { textLogprobs } from "../../../../src/lib/models/runtime/textLogprobs.ts";
import { prepareShared, readReference, sharedModelEntries, tempContext } from "../../../sharedModels.ts";

const ctx = tempContext();
const loaded = new Map<string, LoadedModel>();
beforeAll(async () => {
  for (const [id, prepared] of await prepareShared(ctx)) loaded.set(id, await loadModel(prepared));
});
afterAll(async () => {
  for (const m of loaded.values()) await m.scorer.release();
  ctx.cleanup();
});

describe.each(sharedModelEntries().map((e) => [e.id, e] as const))("%s scoring", (id, entry) => {
  const cases = readReference(entry);

  it.each(cases.map((c, i) => [i, c] as const))("case %i: log-probabilities, ranks and top tokens equal PyTorch's", async (_, c) => {
    const model = loaded.get(id)!;
    const targets = c.ids.map((_, i) => [c.ids[i + 1] ?? 0]);
    const [scored] = await model.scorer.score([{ ids: c.ids, targets }]);
    for (let i = 0; i < c.ids.length - 1; i++) {
      expect(Math.abs(scored.targetLogprobs[i] - c.next_token_logprob[i]), `position ${i}`).toBeLessThanOrEqual(2e-4);
      // Rank 1 exactly where PyTorch's argmax is the next token.
      if (c.argmax[i] === c.ids[i + 1]) expect(scored.targetRanks[i]).toBe(1);
      else expect(scored.targetRanks[i]).toBeGreaterThan(1);
    }
    // Top-5 after the last token: the reference's top-10 ids, in order, and their logits via the ranks.
    const last = c.ids.length - 1;
    expect(Array.from(scored.topIds.subarray(last * 5, last * 5 + 5))).toEqual(c.last_top10.slice(0, 5).map(([tokenId]) => tokenId));
    expect(Array.from(scored.topIds.subarray(0, c.ids.length * 5)).filter((_, j) => j % 5 === 0)).toEqual(c.argmax);
  });

  it("scores a batch of different lengths exactly as one at a time (right padding changes nothing)", async () => {
    const model = loaded.get(id)!;
    const requests = cases.map((c) => ({ ids: c.ids, targets: c.ids.map((t, i) => [c.ids[i + 1] ?? t, t]) }));
    const batched = await model.scorer.score(requests);
    for (const [i, request] of requests.entries()) {
      const [alone] = await model.scorer.score([request]);
      expect(batched[i].targetRanks).toEqual(alone.targetRanks);
      let diff = 0;
      for (let j = 0; j < alone.targetLogprobs.length; j++) diff = Math.max(diff, Math.abs(batched[i].targetLogprobs[j] - alone.targetLogprobs[j]));
      expect(diff).toBeLessThanOrEqual(1e-5);
    }
  });
});

describe("textLogprobs", () => {
  it("has the documented shape and matches the reference for tinystories-8L-64-replica", async () => {
    const entry = sharedModelEntries().find((e) => e.id === "tinystories-8L-64-replica")!;
    const c = readReference(entry)[0];
    const result = await textLogprobs(loaded.get(entry.id)!, c.text!);
    expect(Object.keys(result)).toEqual(["model", "ids", "tokens", "next"]);
    expect(result.model).toBe("tinystories-8L-64-replica");
    expect(result.ids).toEqual(c.ids);
    expect(result.tokens[0]).toEqual({ id: 7454, text: "Once", logprob: null, top: [] });
    expect(result.tokens[1].text).toBe(" upon");
    result.tokens.slice(1).forEach((t, i) => {
      expect(Object.keys(t)).toEqual(["id", "text", "logprob", "top"]);
      expect(Math.abs(t.logprob! - c.next_token_logprob[i])).toBeLessThanOrEqual(2e-4);
      expect(t.top).toHaveLength(5);
      expect(t.top[0].id).toBe(c.argmax[i]);
      expect(Object.keys(t.top[0])).toEqual(["id", "text", "logprob"]);
    });
    expect(result.next.map((n) => n.id)).toEqual(c.last_top10.slice(0, 5).map(([tokenId]) => tokenId));
    // Top log-probabilities are sorted, and the probabilities of the top 5 sum to at most 1.
    const p = result.next.map((n) => Math.exp(n.logprob));
    expect([...p].sort((a, b) => b - a)).toEqual(p);
    expect(p.reduce((a, b) => a + b)).toBeLessThanOrEqual(1);
  });

  it("refuses a text longer than max_position_embeddings, naming the model and lengths", async () => {
    const model = loaded.get("tiny-random-gpt-neo")!;
    await expect(textLogprobs(model, " the".repeat(129))).rejects.toThrow(
      "model tiny-random-gpt-neo: the text is 129 tokens, longer than the model's 128 positions (max_position_embeddings)",
    );
  });
});
