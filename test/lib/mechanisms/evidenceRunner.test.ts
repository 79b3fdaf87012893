// The evidence of real task items on the tiny fixture and a replica, checked against the mechanism graph
// itself: attributions add up to the actual logit difference, heads and neurons add up to their blocks,
// each head's ablation effect is the difference of a masked and an unmasked run, and the lens at the last
// block is the model's prediction.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { atlasContext } from "../../../src/lib/atlasContext.ts";
import { attributionSum } from "../../../src/lib/mechanisms/directLogitAttribution.ts";
import type { ItemEvidence } from "../../../src/lib/mechanisms/evidenceCache.ts";
import { EvidenceRunner } from "../../../src/lib/mechanisms/evidenceRunner.ts";
import { decodeFloat32 } from "../../../src/lib/mechanisms/float32Codec.ts";
import { type MechanismItem, mechanismItems } from "../../../src/lib/mechanisms/mechanismItems.ts";
import { MechanismSession, type OutputTensor } from "../../../src/lib/mechanisms/mechanismSession.ts";
import { loadTokenizer } from "../../../src/lib/models/loadTokenizer.ts";
import { folderModel } from "../../../src/lib/models/modelSet.ts";
import { preparedFiles } from "../../../src/lib/models/preparedManifest.ts";
import { prepareModel } from "../../../src/lib/models/prepareModel.ts";
import { loadTasks } from "../../../src/lib/tasks/loadTasks.ts";
import { repoRoot } from "../../sharedPath.ts";
import { sharedModelsDir } from "../../sharedModels.ts";

// The repository's cache: test/globalSetup.ts has prepared these models there already.
const ctx = atlasContext({ ...process.env, ATLAS_MODELS: sharedModelsDir });
const tasks = loadTasks(path.join(repoRoot, "src/content/tasks"));
const pick = (id: string) => tasks.find((t) => t.id === id)!.items;
// IOI items (a wrong answer) and the n-gram items without one (attributed against the vocabulary's mean).
const sample = [...pick("ioi").slice(0, 6), ...pick("ngrams").filter((i) => i.wrong === undefined)];

const close = (a: number, b: number, tol: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

describe.each(["tiny-random-gpt-neo", "tinystories-8L-64-replica"])("evidence of %s", (name) => {
  let runner: EvidenceRunner;
  let session: MechanismSession;
  let items: MechanismItem[];
  let evidence: ItemEvidence[];
  let L: number;
  let H: number;

  beforeAll(async () => {
    const prepared = await prepareModel(folderModel(path.join(sharedModelsDir, name)), ctx);
    const tokenizer = await loadTokenizer(prepared.dir);
    items = mechanismItems(tokenizer, sample, prepared.manifest.maxPositions).ready;
    expect(items.some((i) => i.wrong === null)).toBe(true);
    runner = await EvidenceRunner.open(prepared.dir);
    ({ layers: L, heads: H } = runner.weights);
    evidence = await runner.run(items);
    session = await MechanismSession.create(path.join(prepared.dir, preparedFiles.onnxMechanism), [L, H]);
  });
  afterAll(async () => {
    await runner?.release();
    await session?.release();
  });

  /** The graph's metric per item (logit_diff, or log p_first without a wrong answer) with a head mask. */
  async function graphMetric(mask?: Float32Array): Promise<{ metric: number[]; out: Record<string, OutputTensor> }> {
    const requests = items.map((it) => ({ ids: it.promptIds, positions: [it.promptIds.length - 1], targets: [[it.answer, it.wrong ?? it.answer]] }));
    const fetch = ["target_logits", "target_logprobs", "top_ids", `lens.${L - 1}.top_ids`, `lens.${L - 1}.target_logprobs`];
    const out = await session.run(requests, fetch, mask);
    const logits = out.target_logits.data as Float32Array;
    const logprobs = out.target_logprobs.data as Float32Array;
    return { metric: items.map((it, b) => (it.wrong === null ? logprobs[b * 2] : logits[b * 2] - logits[b * 2 + 1])), out };
  }

  it("has attributions that sum to the actual logit difference, and heads and neurons that sum to their blocks", () => {
    const dMlp = runner.weights.dMlp;
    for (const e of evidence) {
      const a = e.attribution;
      expect(a.target).toBe(e.wrong === null ? "vocab-mean" : "wrong");
      close(attributionSum(a), a.actual, 1e-4);
      const neurons = decodeFloat32(e.neurons);
      for (let l = 0; l < L; l++) {
        close(a.heads.slice(l * H, (l + 1) * H).reduce((x, y) => x + y, 0) + a.attnBias[l], a.attn[l], 1e-4);
        close(neurons.subarray(l * dMlp, (l + 1) * dMlp).reduce((x, y) => x + y, 0) + a.mlpBias[l], a.mlp[l], 1e-4);
      }
    }
  });

  it("has clean metrics equal to the graph's, and ablation effects equal to a masked minus an unmasked run", async () => {
    const clean = await graphMetric();
    evidence.forEach((e, b) => close(e.clean, clean.metric[b], 1e-4));
    for (const [l, h] of [[0, 0], [L - 1, H - 1], [Math.floor(L / 2), 1]]) {
      const mask = new Float32Array(L * H).fill(1);
      mask[l * H + h] = 0;
      const masked = await graphMetric(mask);
      evidence.forEach((e, b) => close(e.ablated[l * H + h] - e.clean, masked.metric[b] - clean.metric[b], 1e-4));
    }
  });

  it("reads the model's own prediction from the lens at the last block", async () => {
    const { out } = await graphMetric();
    expect(Array.from(out[`lens.${L - 1}.top_ids`].data as BigInt64Array)).toEqual(Array.from(out.top_ids.data as BigInt64Array));
    expect(Array.from(out[`lens.${L - 1}.target_logprobs`].data as Float32Array)).toEqual(Array.from(out.target_logprobs.data as Float32Array));
    const logprobs = out.target_logprobs.data as Float32Array;
    evidence.forEach((e, b) => {
      expect(e.lens).toHaveLength(L);
      expect(e.lens[L - 1].logprob).toBe(logprobs[b * 2]);
      expect(e.lens[L - 1].topIds).toEqual(Array.from((out.top_ids.data as BigInt64Array).subarray(b * 5, b * 5 + 5), Number));
    });
  });

  it("keeps each head's attention row over the prompt, summing to 1", () => {
    for (const e of evidence) {
      const keys = e.promptIds.length;
      const rows = decodeFloat32(e.attention);
      expect(rows.length).toBe(L * H * keys);
      for (let i = 0; i < L * H; i++) close(rows.subarray(i * keys, (i + 1) * keys).reduce((x, y) => x + y, 0), 1, 1e-5);
    }
  });
});
