// One model over every task: each item's evidence from the cache, or from the runner for the items the
// cache lacks (batches of similar length; the cache is flushed after every batch, so a killed run resumes).
// The runner (sessions, weights) is opened only when something is missing.
import type { Progress } from "../cli/progress.ts";
import type { PreparedModel } from "../models/prepareModel.ts";
import type { Tokenizer } from "../models/tokenizer.ts";
import type { Task } from "../tasks/taskSchema.ts";
import { EvidenceCache, type ItemEvidence } from "./evidenceCache.ts";
import { EvidenceRunner } from "./evidenceRunner.ts";
import { lengthBatches, mechanismItems } from "./mechanismItems.ts";

export interface TaskEvidence {
  /** Ids of the items analysed, in task order, with their evidence. */
  itemIds: string[];
  evidence: ItemEvidence[];
  skipped: Array<{ id: string; reason: string }>;
}

export interface GatherResult {
  byTask: Map<string, TaskEvidence>;
  /** Items run (not from the cache). */
  itemsRun: number;
  /** Forward passes run. */
  runs: number;
}

export async function gatherEvidence(
  prepared: PreparedModel,
  tokenizer: Tokenizer,
  tasks: Task[],
  /** mechanismOnnx: the bytes of onnx/mechanism.onnx, called only when a forward pass is needed. */
  deps: { cacheDir: string; progress: Progress; mechanismOnnx: () => Uint8Array },
): Promise<GatherResult> {
  const { manifest } = prepared;
  const result: GatherResult = { byTask: new Map(), itemsRun: 0, runs: 0 };
  let runner: EvidenceRunner | undefined;
  try {
    for (const task of tasks) {
      const cache = new EvidenceCache(deps.cacheDir, manifest.weightsSha256, task.id);
      const { ready, skipped } = mechanismItems(tokenizer, task.items, manifest.maxPositions);
      const missing = ready.filter((it) => !cache.get(it.item));
      if (missing.length > 0) {
        runner ??= await EvidenceRunner.open(prepared.dir, deps.mechanismOnnx());
        deps.progress.begin(`${manifest.id} / ${task.id}`, missing.length);
        for (const batch of lengthBatches(missing)) {
          const evidence = await runner.run(batch);
          batch.forEach((it, i) => cache.set(it.item, evidence[i]));
          cache.flush();
          deps.progress.advance(batch.length);
        }
        deps.progress.end();
        result.itemsRun += missing.length;
      }
      result.byTask.set(task.id, {
        itemIds: ready.map((it) => it.item.id),
        evidence: ready.map((it) => cache.get(it.item)!),
        skipped: skipped.map((s) => ({ id: s.item.id, reason: s.reason })),
      });
    }
  } finally {
    result.runs = runner?.runs ?? 0;
    await runner?.release();
  }
  return result;
}
