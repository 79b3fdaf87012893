// The validation-story tokens on which chosen MLP neurons fire most (seed 001: neurons "read by their top
// tokens"). Every story is read after <|endoftext|> (as atlas tokens reads it), through a pruned mechanism
// graph that outputs only the needed blocks' mlp.hook_post; a story longer than the model's positions is
// read in windows of maxPositions tokens that overlap by half, each token taken from the window that gives
// it the most context.
import * as ort from "onnxruntime-node";
import { activationNames, headMaskInput } from "../models/onnx/activationNames.ts";
import { paddedIds } from "./ablationSessions.ts";
import { lengthBatches } from "./mechanismItems.ts";
import { prunedGraph } from "./prunedGraph.ts";
import { END_OF_TEXT_ID } from "../models/endOfText.ts";
import { storyWindows } from "../tokens/storyWindows.ts";

/** Top-activating tokens kept per neuron. */
export const TOP_TOKENS = 10;

export interface NeuronRef {
  layer: number;
  index: number;
}

export interface TokenHit {
  story: number;
  /** Position of the token within the story (0 = its first token). */
  position: number;
  activation: number;
}

export function neuronKey(n: NeuronRef): string {
  return `${n.layer}.${n.index}`;
}

/** Keeps the k highest hits; on equal activation the earlier story, then position, wins. */
export class TopHits {
  private hits: TokenHit[] = [];
  constructor(private readonly k = TOP_TOKENS) {}

  push(hit: TokenHit): void {
    const worst = this.hits[this.hits.length - 1];
    if (this.hits.length === this.k && !before(hit, worst)) return;
    let at = this.hits.length;
    while (at > 0 && before(hit, this.hits[at - 1])) at--;
    this.hits.splice(at, 0, hit);
    if (this.hits.length > this.k) this.hits.pop();
  }

  result(): TokenHit[] {
    return [...this.hits];
  }
}

function before(a: TokenHit, b: TokenHit): boolean {
  return a.activation > b.activation || (a.activation === b.activation && (a.story < b.story || (a.story === b.story && a.position < b.position)));
}

/** The top hits of each neuron over the stories (token ids per story), keyed by neuronKey. */
export async function neuronTopTokens(
  mechanismOnnx: Uint8Array,
  shape: { layers: number; heads: number; maxPositions: number },
  stories: number[][],
  neurons: NeuronRef[],
  /** Called after each forward pass with the number of story windows it read. */
  onRun: (windows: number) => void = () => {},
): Promise<Map<string, TokenHit[]>> {
  const layers = [...new Set(neurons.map((n) => n.layer))].sort((a, b) => a - b);
  const tops = new Map(neurons.map((n) => [neuronKey(n), new TopHits()]));
  if (neurons.length === 0) return new Map();
  const session = await ort.InferenceSession.create(prunedGraph(mechanismOnnx, { outputs: layers.map(activationNames.mlpPost) }), { graphOptimizationLevel: "all" });
  try {
    // Batched as items are (lengthBatches: sorted by length, so little padding); a window's tokens are its promptIds.
    const windows = stories.flatMap((story, s) => {
      const input = [END_OF_TEXT_ID, ...story];
      return storyWindows(input.length, shape.maxPositions).map((w) => ({ story: s, promptIds: input.slice(w.start, w.end), ...w }));
    });
    const mask = new ort.Tensor("float32", new Float32Array(shape.layers * shape.heads).fill(1), [shape.layers, shape.heads]);
    for (const batch of lengthBatches(windows)) {
      const out = await session.run({ input_ids: paddedIds(batch.map((w) => w.promptIds)), [headMaskInput]: mask });
      onRun(batch.length);
      for (const n of neurons) {
        const t = out[activationNames.mlpPost(n.layer)];
        const [, seq, width] = t.dims as number[];
        const data = t.data as Float32Array;
        const top = tops.get(neuronKey(n))!;
        batch.forEach((w, b) => {
          // Input index j (>= 1) holds story token j - 1; index 0 is <|endoftext|>.
          for (let j = Math.max(w.from, w.start, 1); j < w.end; j++) {
            top.push({ story: w.story, position: j - 1, activation: data[(b * seq + (j - w.start)) * width + n.index] });
          }
        });
      }
    }
  } finally {
    await session.release();
  }
  return new Map([...tops].map(([k, t]) => [k, t.result()]));
}
