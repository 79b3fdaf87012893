// Models as scorers: prepare (cached), load the scoring graph, describe the checkpoint for provenance.
import type { AtlasContext } from "../atlasContext.ts";
import type { ModelEntry } from "../models/registry.ts";
import { prepareModel } from "../models/prepareModel.ts";
import { loadModel } from "../models/runtime/loadModel.ts";
import { defaultBatchOptions } from "../scoring/scoreItems.ts";
import type { ScorerFactory } from "./scorerHandle.ts";

export function modelScorerFactory(entry: ModelEntry, ctx: AtlasContext): ScorerFactory {
  return {
    id: entry.id,
    async open() {
      const prepared = await prepareModel(entry, ctx);
      const model = await loadModel(prepared);
      const m = prepared.manifest;
      return {
        info: {
          type: "model",
          id: entry.id,
          kind: entry.kind,
          description: entry.description,
          source: entry.source,
          commit: m.commit,
          weightsFile: m.weightsFile,
          weightsSha256: m.weightsSha256,
          layers: m.layers,
          width: m.width,
          heads: m.heads,
          parameters: m.parameters,
        },
        fingerprint: m.weightsSha256,
        scorer: { id: entry.id, score: (requests) => model.scorer.score(requests) },
        tokenizer: model.tokenizer,
        batch: { ...defaultBatchOptions, maxPositions: model.maxPositions },
        release: () => model.scorer.release(),
      };
    },
  };
}
