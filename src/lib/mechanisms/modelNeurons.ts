// A model's top neurons per task (neuronAttribution.ts) with their top tokens on the validation stories:
// selected from the items' evidence, read from the stories only where the neuron cache lacks them.
import type { Progress } from "../cli/progress.ts";
import type { PreparedModel } from "../models/prepareModel.ts";
import type { Tokenizer } from "../models/tokenizer.ts";
import { decodeFloat32 } from "./float32Codec.ts";
import type { TaskEvidence } from "./gatherEvidence.ts";
import type { ModelMechanisms } from "./mechanismSchema.ts";
import { selectNeurons } from "./neuronAttribution.ts";
import { NeuronTokenCache } from "./neuronTokenCache.ts";
import { storyWindows } from "../tokens/storyWindows.ts";
import { type TokenHit, neuronKey, neuronTopTokens } from "./neuronTopTokens.ts";

/** Tokens of story context shown before and after a top token. */
export const CONTEXT_BEFORE = 6;
export const CONTEXT_AFTER = 2;

/** The validation stories as token ids, with their global offsets (as data/tokens lays them out). */
export interface TokenizedStories {
  source: string;
  sha256: string;
  ids: number[][];
  /** storyOffsets[s] = global index of story s's first token; length stories + 1. */
  offsets: number[];
}

export async function modelNeurons(
  prepared: PreparedModel,
  tokenizer: Tokenizer,
  byTask: Map<string, TaskEvidence>,
  stories: TokenizedStories | null,
  /** MLP neurons per block (preparedMlpWidth). */
  dMlp: number,
  /** mechanismOnnx: the bytes of onnx/mechanism.onnx, called only when a forward pass is needed. */
  deps: { cacheDir: string; progress: Progress; mechanismOnnx: () => Uint8Array },
): Promise<{ byTask: Map<string, ModelMechanisms["neurons"]>; runs: number }> {
  const { manifest } = prepared;
  const selected = new Map([...byTask].map(([id, t]) => [id, selectNeurons(t.evidence.map((e) => decodeFloat32(e.neurons)), dMlp)]));
  let runs = 0;
  const hits = new Map<string, TokenHit[]>();
  if (stories) {
    const cache = new NeuronTokenCache(deps.cacheDir, manifest.weightsSha256, stories.sha256);
    const wanted = new Map([...selected.values()].flat().map((n) => [neuronKey(n), n]));
    const missing = [...wanted.values()].filter((n) => !cache.get(neuronKey(n)));
    if (missing.length > 0) {
      const bytes = deps.mechanismOnnx();
      const windows = stories.ids.reduce((a, s) => a + storyWindows(s.length + 1, manifest.maxPositions).length, 0);
      deps.progress.begin(`${manifest.id} / ${missing.length} neurons on ${stories.ids.length} stories`, windows);
      const shape = { layers: manifest.layers, heads: manifest.heads, maxPositions: manifest.maxPositions };
      cache.setAll(
        await neuronTopTokens(bytes, shape, stories.ids, missing, (n) => {
          runs++;
          deps.progress.advance(n);
        }),
      );
      deps.progress.end();
    }
    for (const key of wanted.keys()) hits.set(key, cache.get(key)!);
  }
  const ref = (h: TokenHit) => {
    const ids = stories!.ids[h.story];
    return {
      story: h.story,
      position: h.position,
      token: stories!.offsets[h.story] + h.position,
      text: tokenizer.tokenText(ids[h.position]),
      before: tokenizer.decode(ids.slice(Math.max(0, h.position - CONTEXT_BEFORE), h.position)),
      after: tokenizer.decode(ids.slice(h.position + 1, h.position + 1 + CONTEXT_AFTER)),
      activation: h.activation,
    };
  };
  const out = new Map<string, ModelMechanisms["neurons"]>();
  for (const [taskId, neurons] of selected) {
    out.set(
      taskId,
      neurons.map((n) => ({ neuron: neuronKey(n), attribution: n.attribution, topTokens: (hits.get(neuronKey(n)) ?? []).map(ref) })),
    );
  }
  return { byTask: out, runs };
}
