// Models as scorers: prepare (cached), load the scoring graph, describe the checkpoint for provenance.
import path from "node:path";
import type { AtlasContext } from "../atlasContext.ts";
import type { ModelEntry } from "../models/registry.ts";
import { type PreparedModel, prepareModel } from "../models/prepareModel.ts";
import { loadModel } from "../models/runtime/loadModel.ts";
import { defaultBatchOptions } from "../scoring/scoreItems.ts";
import type { ScorerDescription, ScorerFactory } from "./scorerHandle.ts";

export function modelScorerFactory(entry: ModelEntry, ctx: AtlasContext): ScorerFactory {
  let prepared: Promise<PreparedModel> | undefined;
  const prepare = () => (prepared ??= prepareModel(entry, ctx));
  const describe = async (): Promise<ScorerDescription> => {
    const m = (await prepare()).manifest;
    return {
      info: {
          type: "model",
          id: entry.id,
          kind: entry.kind,
          description: entry.description,
          // Folders relative to the repository, so result files do not depend on where the checkout lives.
          source: entry.source.kind === "folder" ? { kind: "folder", path: path.relative(ctx.root, entry.source.path) } : entry.source,
          commit: m.commit,
          weightsFile: m.weightsFile,
          weightsSha256: m.weightsSha256,
          layers: m.layers,
          width: m.width,
          heads: m.heads,
          parameters: m.parameters,
      },
      fingerprint: m.weightsSha256,
    };
  };
  return {
    id: entry.id,
    describe,
    async open() {
      const model = await loadModel(await prepare());
      return {
        ...(await describe()),
        scorer: { id: entry.id, score: (requests) => model.scorer.score(requests) },
        tokenizer: model.tokenizer,
        batch: { ...defaultBatchOptions, maxPositions: model.maxPositions },
        release: () => model.scorer.release(),
      };
    },
  };
}
