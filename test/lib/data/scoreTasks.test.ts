// The scoring producer with fake scorers: cache reuse, resuming a killed run, and failing scorers.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createProgress } from "../../../src/lib/cli/progress.ts";
import type { ScorerFactory, ScorerHandle } from "../../../src/lib/data/scorerHandle.ts";
import { scoreTasks } from "../../../src/lib/data/scoreTasks.ts";
import type { Tokenizer } from "../../../src/lib/models/tokenizer.ts";
import type { ScoredSequence, ScoringRequest } from "../../../src/lib/scoring/nextTokenScorer.ts";
import type { Task } from "../../../src/lib/tasks/taskSchema.ts";

// A character-level "tokenizer": every character is its code point.
const tokenizer: Tokenizer = {
  encode: (text) => Array.from(text, (c) => c.codePointAt(0)!),
  decode: (ids) => String.fromCodePoint(...ids),
  tokenText: (id) => String.fromCodePoint(id),
  vocabSize: 50257,
};

function task(id: string, n: number): Task {
  return {
    id,
    title: id,
    version: 1,
    description: "test",
    mainMetric: "p_first",
    verdict: { minTop1: 0.5, minMeanLogitDiff: 0 },
    dataCredit: "test",
    file: `${id}.yaml`,
    contentHash: id,
    items: Array.from({ length: n }, (_, i) => ({ id: `${id}-${i}`, prompt: `item ${i} of ${id}:`, answer: "x", wrong: "y", tags: [] })),
  };
}

/** A scorer whose every distribution puts p = 0.5 on "x"; it can be told to die after some batches. */
function fakeFactory(id: string, opts: { failOpen?: boolean; dieAfterBatches?: number; calls?: { batches: number; items: number } } = {}): ScorerFactory {
  const info = { type: "baseline" as const, id, title: id, description: "fake", fingerprint: `fp-${id}`, training: { source: "none", stories: 0, tokens: 0, sha256: "0" } };
  return {
    id,
    describe: async () => ({ info, fingerprint: `fp-${id}` }),
    async open(): Promise<ScorerHandle> {
      if (opts.failOpen) throw new Error(`cannot load ${id}`);
      let batches = 0;
      return {
        info,
        fingerprint: `fp-${id}`,
        tokenizer,
        batch: { tokenBudget: 100, maxBatch: 2, maxPositions: 2048 },
        release: async () => {},
        scorer: {
          id,
          async score(requests: ScoringRequest[]): Promise<ScoredSequence[]> {
            if (opts.dieAfterBatches !== undefined && batches >= opts.dieAfterBatches) throw new Error("killed");
            batches++;
            if (opts.calls) {
              opts.calls.batches++;
              opts.calls.items += requests.length;
            }
            return requests.map((r) => {
              const n = r.ids.length;
              const k = r.targets[0].length;
              return {
                k,
                topK: 5,
                targetLogprobs: Float32Array.from({ length: n * k }, (_, i) => Math.log(r.targets[Math.floor(i / k)][i % k] === 120 ? 0.5 : 0.1)),
                targetLogits: Float32Array.from({ length: n * k }, (_, i) => (r.targets[Math.floor(i / k)][i % k] === 120 ? 2 : 1)),
                targetRanks: Int32Array.from({ length: n * k }, (_, i) => (r.targets[Math.floor(i / k)][i % k] === 120 ? 1 : 2)),
                topLogprobs: new Float32Array(n * 5).fill(Math.log(0.5)),
                topIds: new Int32Array(n * 5).fill(120),
              };
            });
          },
        },
      };
    },
  };
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function deps() {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-score-"));
  dirs.push(cacheDir);
  const lines: string[] = [];
  return { cacheDir, lines, progress: createProgress({ write: () => {}, isTty: false }), log: (l: string) => lines.push(l) };
}

describe("scoreTasks", () => {
  it("scores every item once; a second run reads everything from the cache", async () => {
    const d = deps();
    const calls = { batches: 0, items: 0 };
    const first = await scoreTasks([task("a", 5), task("b", 3)], [fakeFactory("f", { calls })], d);
    expect(calls.items).toBe(8);
    const entry = first.byTask.get("a")![0].entries.get("a-0")!;
    expect(entry).toMatchObject({ rank: 1, logit_diff: 1, answer_ids: [120], wrong_ids: [121] });
    expect("p_first" in entry && entry.p_first).toBeCloseTo(0.5, 7);
    const again = await scoreTasks([task("a", 5), task("b", 3)], [fakeFactory("f", { calls, dieAfterBatches: 0 })], d);
    expect(calls.items).toBe(8);
    expect([...again.newlyScored.values()]).toEqual([0, 0]);
    expect(again.byTask.get("a")![0].entries).toEqual(first.byTask.get("a")![0].entries);
  });

  it("adding a task scores only the new task", async () => {
    const d = deps();
    await scoreTasks([task("a", 5)], [fakeFactory("f")], d);
    const calls = { batches: 0, items: 0 };
    const result = await scoreTasks([task("a", 5), task("c", 4)], [fakeFactory("f", { calls })], d);
    expect(calls.items).toBe(4);
    expect(Object.fromEntries(result.newlyScored)).toEqual({ "f/a": 0, "f/c": 4 });
  });

  it("resumes a killed run where it stopped: finished batches are kept", async () => {
    const d = deps();
    const killed = await scoreTasks([task("a", 6)], [fakeFactory("f", { dieAfterBatches: 2 })], d);
    expect(killed.failures).toEqual([{ id: "f", error: "killed" }]);
    const calls = { batches: 0, items: 0 };
    const resumed = await scoreTasks([task("a", 6)], [fakeFactory("f", { calls })], d);
    expect(calls.items).toBe(2); // 2 batches of 2 survived the kill
    expect(resumed.byTask.get("a")![0].entries.size).toBe(6);
  });

  it("reports a scorer that fails to load and still scores the others", async () => {
    const d = deps();
    const result = await scoreTasks([task("a", 2)], [fakeFactory("broken", { failOpen: true }), fakeFactory("ok")], d);
    expect(result.failures).toEqual([{ id: "broken", error: "cannot load broken" }]);
    expect(result.byTask.get("a")!.map((s) => s.info.id)).toEqual(["ok"]);
    expect(d.lines).toEqual(["broken: FAILED: cannot load broken"]);
  });

  it("reports items whose prompt is not a token prefix and keeps them out of the scores", async () => {
    const d = deps();
    const t = task("a", 1);
    t.items.push({ id: "bad", prompt: "", answer: "x", tags: [] });
    const result = await scoreTasks([t], [fakeFactory("f")], d);
    expect(result.skipped).toEqual(["f/a/bad: the prompt has no tokens"]);
    expect(result.byTask.get("a")![0].entries.get("bad")).toEqual({ skipped: "the prompt has no tokens" });
  });
});
