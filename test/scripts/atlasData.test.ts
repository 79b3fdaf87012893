// `atlas data` end to end on small task files: result files valid and byte-identical across runs, only new
// tasks scored, a broken model reported while the others are scored, bad task files writing nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../scripts/atlas.ts";
import type { CliIo } from "../../src/lib/cli/io.ts";
import { resultFileSchema } from "../../src/lib/results/resultSchema.ts";
import { SCORER_VERSION } from "../../src/lib/scoring/itemScore.ts";
import { sharedModelsDir } from "../sharedModels.ts";
import { repoRoot } from "../sharedPath.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-data-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const tasksDir = path.join(root, "tasks");
const dataDir = path.join(root, "data");
const resultsDir = path.join(dataDir, "results");
fs.mkdirSync(tasksDir);
fs.copyFileSync(path.join(repoRoot, "src/content/tasks/_template.yaml"), path.join(tasksDir, "_template.yaml"));

// A broken model folder: the tiny fixture's files with a truncated checkpoint.
const broken = path.join(root, "broken-model");
fs.mkdirSync(broken);
for (const f of ["config.json", "vocab.json", "merges.txt"]) fs.copyFileSync(path.join(sharedModelsDir, "tiny-random-gpt-neo", f), path.join(broken, f));
fs.writeFileSync(path.join(broken, "pytorch_model.bin"), fs.readFileSync(path.join(sharedModelsDir, "tiny-random-gpt-neo", "pytorch_model.bin")).subarray(0, 1000));

const models = ["tiny-random-gpt-neo", "tinystories-8L-64-replica"].map((m) => path.join(sharedModelsDir, m));

function taskYaml(id: string, items: Array<[string, string, string]>): string {
  return [
    `id: ${id}`,
    `title: ${id}`,
    "version: 1",
    "description: A small test task.",
    "items:",
    ...items.flatMap(([prompt, answer, wrong], i) => [`  - id: i${i}`, `    prompt: ${JSON.stringify(prompt)}`, `    answer: ${JSON.stringify(answer)}`, `    wrong: ${JSON.stringify(wrong)}`, "    tags: [synthetic]"]),
  ].join("\n");
}
fs.writeFileSync(path.join(tasksDir, "phrases.yaml"), taskYaml("phrases", [["Once upon a", " time", " day"], ["From that day", " on", " off"], ["She was very", " happy", " sad"]]));
fs.writeFileSync(path.join(tasksDir, "names.yaml"), taskYaml("names", [["Lily and Tom went to the park. Tom gave a ball to", " Lily", " Tom"], ['He said, "Hi.', '"', "!"]]));

async function atlasData(modelSpec: string) {
  let err = "";
  const io: CliIo = {
    out: () => {},
    err: (t) => (err += t),
    isTty: false,
    env: { ATLAS_CACHE: path.join(root, "cache"), ATLAS_TASKS: tasksDir, ATLAS_DATA: dataDir, ATLAS_DATE: "2026-11-21", ATLAS_MODELS: modelSpec },
  };
  const code = await main(["data"], io);
  return { code, err };
}

const snapshot = () => Object.fromEntries(fs.readdirSync(resultsDir).map((f) => [f, fs.readFileSync(path.join(resultsDir, f), "utf8")]));

describe("atlas data", () => {
  let first: Record<string, string>;

  it("scores the models and baselines, reports a broken model and the skipped item, exits 1", async () => {
    const { code, err } = await atlasData([...models, broken].join(","));
    expect(code).toBe(1);
    expect(err).toMatch(/broken-model: FAILED: model broken-model, file .*pytorch_model\.bin: /);
    expect(err).toContain(`skipped tinystories-8L-64-replica/names/i1: the prompt's tokens are not a prefix of prompt + answer`);
    first = snapshot();
    expect(Object.keys(first).sort()).toEqual(["names.json", "phrases.json"]);
    const result = resultFileSchema.parse(JSON.parse(first["phrases.json"]));
    expect(result.scorers.map((s) => s.id)).toEqual(["tiny-random-gpt-neo", "tinystories-8L-64-replica", "unigram", "bigram", "trigram", "copy"]);
    expect(result.scorers[0]).toMatchObject({ type: "model", kind: "fixture", weightsFile: "model.safetensors" });
    expect(result.provenance).toMatchObject({ date: "2026-11-21", scorerVersion: SCORER_VERSION, bootstrapResamples: 1000 });
    expect(result.task).toMatchObject({ id: "phrases", version: 1, verdictText: "top-1 rate >= 0.5 and mean logit difference (answer - wrong) > 0" });
    // The trigram has seen "Once upon a time" hundreds of times in training.
    expect(result.scores.trigram.i0).toMatchObject({ rank: 1, answer_ids: [640], wrong_ids: [1110] });
    expect(result.aggregates["tinystories-8L-64-replica"].n).toBe(3);
    expect(result.breakdowns.trigram.synthetic.n).toBe(3);
  });

  it("writes byte-identical files on a second run, from the cache", async () => {
    const { code, err } = await atlasData(models.join(","));
    expect(code).toBe(0);
    expect(err).toContain("scored 0 new item scores (everything was cached)");
    expect(snapshot()).toEqual(first);
  });

  it("scores only a new task", async () => {
    fs.writeFileSync(path.join(tasksDir, "more.yaml"), taskYaml("more", [["The cat sat on the", " mat", " dog"]]));
    const { code, err } = await atlasData(models.join(","));
    expect(code).toBe(0);
    expect(err).toContain("scored 6 new item scores (tasks: more)");
    const now = snapshot();
    expect(Object.keys(now).sort()).toEqual(["more.json", "names.json", "phrases.json"]);
    expect(now["phrases.json"]).toBe(first["phrases.json"]);
  });

  it("writes nothing when a task file is bad, naming file, item and field", async () => {
    const before = snapshot();
    fs.writeFileSync(path.join(tasksDir, "more.yaml"), taskYaml("more", [["The cat sat on the", "", " dog"]]));
    const { code, err } = await atlasData(models.join(","));
    expect(code).toBe(1);
    expect(err).toMatch(/^atlas: file .*more\.yaml, item i0, field answer: must not be empty\n$/);
    expect(snapshot()).toEqual(before);
  });
});
