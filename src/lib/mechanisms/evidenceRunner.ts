// Runs one model over batches of items and returns each item's raw evidence (evidenceCache.ts): one clean
// pass of the full mechanism graph (attribution, attention rows, the logit lens, the residual streams the
// ablations start from), then one pruned pass per head with that head zeroed (layers x heads passes).
import fs from "node:fs";
import path from "node:path";
import { activationNames } from "../models/onnx/activationNames.ts";
import { preparedFiles } from "../models/preparedManifest.ts";
import { AblationSessions, paddedIds } from "./ablationSessions.ts";
import { answerActivations, attentionRows, cleanFetches, scoredAt, valuesAt } from "./answerActivations.ts";
import { directLogitAttribution } from "./directLogitAttribution.ts";
import type { ItemEvidence } from "./evidenceCache.ts";
import { encodeFloat32 } from "./float32Codec.ts";
import { answerLogprob, readResidual, readout } from "./frozenLayerNorm.ts";
import type { MechanismItem } from "./mechanismItems.ts";
import { MechanismSession, type OutputTensor } from "./mechanismSession.ts";
import { type MechanismWeights, readMechanismWeights } from "./mechanismWeights.ts";
import { neuronAttribution } from "./neuronAttribution.ts";

export class EvidenceRunner {
  private constructor(
    readonly weights: MechanismWeights,
    readonly mechanismOnnx: Uint8Array,
    private readonly full: MechanismSession,
    private readonly ablation: AblationSessions,
    private cleanRuns = 0,
  ) {}

  /** mechanismOnnx: the bytes of onnx/mechanism.onnx when the caller has read them already. */
  static async open(preparedDir: string, mechanismOnnx?: Uint8Array): Promise<EvidenceRunner> {
    const bytes = mechanismOnnx ?? new Uint8Array(fs.readFileSync(path.join(preparedDir, preparedFiles.onnxMechanism)));
    const w = readMechanismWeights(preparedDir, bytes);
    const full = await MechanismSession.create(bytes, [w.layers, w.heads]);
    return new EvidenceRunner(w, bytes, full, new AblationSessions(bytes, w.layers, w.heads));
  }

  /** Forward passes run so far (clean + ablated). */
  get runs(): number {
    return this.cleanRuns + this.ablation.runs;
  }

  async run(batch: MechanismItem[]): Promise<ItemEvidence[]> {
    const w = this.weights;
    const L = w.layers;
    const requests = batch.map((it) => ({ ids: it.promptIds, positions: [it.promptIds.length - 1], targets: [[it.answer, it.wrong ?? it.answer]] }));
    const out = await this.full.run(requests, cleanFetches(L));
    this.cleanRuns++;
    const seq = out[activationNames.residPre0].dims[1];
    const metric = (h: ArrayLike<number>, it: MechanismItem) =>
      it.wrong === null ? answerLogprob(h, w, it.answer) : readResidual(h, readout(w, it.answer, it.wrong), w.lnF.eps);

    // The sweep: ablated[b][layer * heads + head].
    const ablated = batch.map(() => new Array<number>(L * w.heads));
    const ids = paddedIds(batch.map((it) => it.promptIds));
    for (let l = 0; l < L; l++) {
      const residIn = l > 0 ? (out[activationNames.residPost(l - 1)].data as Float32Array) : null;
      for (let h = 0; h < w.heads; h++) {
        const final = await this.ablation.ablate(ids, l, h, residIn, w.d);
        batch.forEach((it, b) => {
          const at = (b * seq + it.promptIds.length - 1) * w.d;
          ablated[b][l * w.heads + h] = metric(final.subarray(at, at + w.d), it);
        });
      }
    }

    return batch.map((it, b) => {
      const q = it.promptIds.length - 1;
      const act = answerActivations(out, L, b, q);
      const r = readout(w, it.answer, it.wrong);
      const { scale, ...attribution } = directLogitAttribution(act, w, r);
      const logits = out.target_logits;
      // The actual logit difference: the graph's own logits; against the vocabulary's mean (no wrong
      // answer), the readout of the final residual stream through the real LayerNorm.
      const actual = it.wrong === null ? readResidual(act.final, r, w.lnF.eps) : scoredAt(logits, b, 0) - scoredAt(logits, b, 1);
      return {
        promptIds: it.promptIds,
        answer: it.answer,
        wrong: it.wrong,
        metric: it.wrong === null ? "log_p_first" : "logit_diff",
        clean: metric(act.final, it),
        ablated: ablated[b],
        attribution: { ...attribution, actual, scale },
        neurons: encodeFloat32(neuronAttribution(act.mlpPost, w, r, scale)),
        attention: encodeFloat32(attentionRows(out, L, b, q)),
        lens: Array.from({ length: L }, (_, l) => lensBlock(out, activationNames.lens(l), b, it.wrong !== null)),
      } satisfies ItemEvidence;
    });
  }

  async release(): Promise<void> {
    await this.full.release();
    await this.ablation.release();
  }
}

function lensBlock(out: Record<string, OutputTensor>, prefix: string, b: number, hasWrong: boolean): ItemEvidence["lens"][number] {
  const get = (name: string) => out[prefix + name];
  return {
    logprob: scoredAt(get("target_logprobs"), b, 0),
    rank: scoredAt(get("target_ranks"), b, 0),
    logitDiff: hasWrong ? scoredAt(get("target_logits"), b, 0) - scoredAt(get("target_logits"), b, 1) : null,
    topIds: valuesAt(get("top_ids"), b, 0),
    topLogprobs: valuesAt(get("top_logprobs"), b, 0),
  };
}
