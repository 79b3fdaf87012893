// Models named in prose by what they are, not by id, so a sentence stays true when the model set changes
// (the shared fixture and replicas in tests, the 14 published models in the published build).
import type { ModelMechanisms } from "./mechanismSchema.ts";

export const MODEL_PICKS = ["largest", "smallest", "deepest", "shallowest"] as const;
export type ModelPick = (typeof MODEL_PICKS)[number];

/** Weights in the blocks (attention and MLP matrices): a size measure the mechanism file's shapes give. */
export function blockParameters(m: ModelMechanisms): number {
  const { layers, width, mlpWidth } = m.model;
  return layers * (4 * width * width + 2 * width * mlpWidth);
}

/**
 * A model by a pick (largest / smallest by block parameters, deepest / shallowest by layers, ties to the
 * larger), or by id. Random-weight fixtures are passed over unless there is nothing else: no sentence about
 * "the smallest model" should be about noise.
 */
export function pickModel(models: ModelMechanisms[], pick: ModelPick | string): ModelMechanisms | null {
  if (!(MODEL_PICKS as readonly string[]).includes(pick)) return models.find((m) => m.model.id === pick) ?? null;
  const trained = models.filter((m) => m.model.kind !== "fixture");
  const pool = trained.length ? trained : models;
  if (!pool.length) return null;
  const size = (m: ModelMechanisms) => blockParameters(m);
  const by: Record<ModelPick, (a: ModelMechanisms, b: ModelMechanisms) => number> = {
    largest: (a, b) => size(b) - size(a),
    smallest: (a, b) => size(a) - size(b),
    deepest: (a, b) => b.model.layers - a.model.layers || size(b) - size(a),
    shallowest: (a, b) => a.model.layers - b.model.layers || size(b) - size(a),
  };
  return [...pool].sort(by[pick as ModelPick])[0];
}
