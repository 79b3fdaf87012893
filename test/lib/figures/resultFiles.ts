// The real result files under data/results (or $ATLAS_DATA/results), parsed with the result schema, and a
// tiny hand-made result file whose numbers the figure tests can state exactly.
import fs from "node:fs";
import path from "node:path";
import { resultFileSchema, type ResultFile } from "../../../src/lib/results/resultSchema.ts";

export const resultsDir = path.join(process.env.ATLAS_DATA ?? "data", "results");

export function loadResultFiles(): ResultFile[] {
  if (!fs.existsSync(resultsDir) || !fs.readdirSync(resultsDir).some((f) => f.endsWith(".json"))) {
    throw new Error(`${resultsDir} has no result files: run \`npm run data\` first (it writes one per task)`);
  }
  return fs
    .readdirSync(resultsDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => resultFileSchema.parse(JSON.parse(fs.readFileSync(path.join(resultsDir, f), "utf8"))));
}

const interval = (value: number, low: number, high: number) => ({ value, low, high });

function aggregateOf(top1: number, pFirst: number, logitDiff: number | null, has: boolean) {
  return {
    n: 2,
    skipped: 0,
    mean_p_first: interval(pFirst, pFirst / 2, Math.min(1, pFirst * 1.5)),
    mean_p_answer: interval(pFirst / 2, pFirst / 4, pFirst),
    top1_rate: interval(top1, 0, 1),
    median_rank: interval(2, 1, 3),
    mean_logit_diff: logitDiff === null ? null : interval(logitDiff, logitDiff - 1, logitDiff + 1),
    n_with_wrong: logitDiff === null ? 0 : 1,
    has_capability: has,
  };
}

function itemScore(p: number, rank: number, logitDiff: number | null) {
  return { p_first: p, p_answer: p / 2, rank, logit_diff: logitDiff, p_wrong: logitDiff === null ? null : p / 3, answer_ids: [1], wrong_ids: logitDiff === null ? null : [2], top5: [{ id: 1, text: " Lily", p }] };
}

/**
 * Two models listed largest first (charts must reorder them by size) and one baseline; two items, one with
 * a wrong answer; tags in two groups plus a template tag.
 */
export function tinyResult(): ResultFile {
  const model = (id: string, parameters: number) => ({
    type: "model" as const, id, kind: "replica" as const, description: id, source: { kind: "folder" as const, path: `/models/${id}` }, commit: null,
    weightsFile: "model.safetensors", weightsSha256: "0".repeat(64), layers: 2, width: 64, heads: 4, parameters,
  });
  const raw = {
    schemaVersion: 1,
    task: {
      id: "tiny", title: "Tiny task", version: 3, description: "A test task.", file: "src/content/tasks/tiny.yaml", contentHash: "abc",
      mainMetric: "p_first", verdict: { minTop1: 0.5, minMeanLogitDiff: 0 }, verdictText: "top-1 rate >= 0.5 and mean logit difference (answer - wrong) > 0",
      dataCredit: "none",
    },
    provenance: { codeVersion: "0123456789abcdef0123456789abcdef01234567-dirty", scorerVersion: "2", date: "2026-11-21", bootstrapResamples: 1000 },
    scorers: [
      model("big", 2_000_000),
      model("small", 1_000_000),
      { type: "baseline", id: "copy", title: "Copy rule", description: "copies", fingerprint: "f", training: { source: "s", stories: 1, tokens: 2, sha256: "0".repeat(64) } },
    ],
    items: [
      { id: "a", prompt: "Lily met Tom, and \"Tom\" said", answer: " hi", wrong: " bye", tags: ["seed", "distance:near", "template:t1"] },
      { id: "b", prompt: "Once upon a time", answer: " there", tags: ["natural", "distance:far"] },
    ],
    scores: {
      big: { a: itemScore(0.5, 1, 1.25), b: itemScore(0.25, 2, null) },
      small: { a: itemScore(0.125, 3, -0.5), b: { skipped: "prompt tokens not a prefix" } },
      copy: { a: itemScore(0.75, 1, 3), b: itemScore(0.5, 1, null) },
    },
    aggregates: { big: aggregateOf(0.5, 0.375, 1.25, true), small: aggregateOf(0, 0.125, -0.5, false), copy: aggregateOf(1, 0.625, 3, true) },
    breakdowns: Object.fromEntries(
      ["big", "small", "copy"].map((s, i) => [
        s,
        Object.fromEntries(["seed", "natural", "distance:near", "distance:far", "template:t1"].map((t, j) => [t, aggregateOf(0.5, (i + 1) / 8 + j / 64, null, false)])),
      ]),
    ),
  };
  return resultFileSchema.parse(raw);
}
