// The pruned ablation graphs against the full mechanism graph on the tiny fixture: starting at block L from
// the clean residual stream and zeroing a head of block L gives the full graph's final residual stream.
import fs from "node:fs";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { atlasContext } from "../../../src/lib/atlasContext.ts";
import { AblationSessions, paddedIds } from "../../../src/lib/mechanisms/ablationSessions.ts";
import { MechanismSession } from "../../../src/lib/mechanisms/mechanismSession.ts";
import { prunedGraph, residInInput } from "../../../src/lib/mechanisms/prunedGraph.ts";
import { folderModel } from "../../../src/lib/models/modelSet.ts";
import { preparedFiles } from "../../../src/lib/models/preparedManifest.ts";
import { prepareModel } from "../../../src/lib/models/prepareModel.ts";
import { maxAbsDiff, sharedModelsDir } from "../../sharedModels.ts";

const ctx = atlasContext({ ...process.env, ATLAS_MODELS: sharedModelsDir });
const batch = [
  [464, 3290, 373, 257, 1310, 3797, 13, 383],
  [7454, 2402, 257, 640, 11],
];
let bytes: Uint8Array;
let full: MechanismSession;
let ablation: AblationSessions;

beforeAll(async () => {
  const prepared = await prepareModel(folderModel(path.join(sharedModelsDir, "tiny-random-gpt-neo")), ctx);
  bytes = new Uint8Array(fs.readFileSync(path.join(prepared.dir, preparedFiles.onnxMechanism)));
  full = await MechanismSession.create(bytes, [2, 4]);
  ablation = new AblationSessions(bytes, 2, 4);
});
afterAll(async () => {
  await full?.release();
  await ablation?.release();
});

describe("pruned mechanism graphs", () => {
  it("keep only the inputs they need", async () => {
    for (const [fromLayer, inputs] of [[0, ["head_mask", "input_ids"]], [1, ["head_mask", "input_ids", residInInput]]] as const) {
      const s = await ort.InferenceSession.create(prunedGraph(bytes, { outputs: ["blocks.1.hook_resid_post"], fromLayer }));
      expect([...s.inputNames].sort()).toEqual(inputs);
      expect(s.outputNames).toEqual(["blocks.1.hook_resid_post"]);
      await s.release();
    }
    expect(() => prunedGraph(bytes, { outputs: ["no_such_output"] })).toThrow(/no output/);
  });

  it("give the full graph's final residual stream with one head zeroed, from every block", async () => {
    const requests = batch.map((ids) => ({ ids, positions: [ids.length - 1], targets: [[0]] }));
    const clean = await full.run(requests, ["blocks.0.hook_resid_post"]);
    for (const [layer, head] of [[0, 2], [1, 3]]) {
      const mask = new Float32Array(8).fill(1);
      mask[layer * 4 + head] = 0;
      const want = (await full.run(requests, ["blocks.1.hook_resid_post"], mask))["blocks.1.hook_resid_post"].data as Float32Array;
      const residIn = layer > 0 ? (clean["blocks.0.hook_resid_post"].data as Float32Array) : null;
      const got = await ablation.ablate(paddedIds(batch), layer, head, residIn, 32);
      expect(maxAbsDiff(got, want)).toBeLessThanOrEqual(1e-6);
    }
    expect(ablation.runs).toBe(2);
  });
});
