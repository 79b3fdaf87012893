// Reads one item's vectors at its answer position out of the mechanism graph's batched outputs
// (sequence outputs are [batch, seq, ...] padded to the batch's longest prompt).
import { activationNames } from "../models/onnx/activationNames.ts";
import type { AnswerActivations } from "./directLogitAttribution.ts";
import type { OutputTensor } from "./mechanismSession.ts";

/** Outputs the clean run fetches for attribution, attention and ablation inputs. */
export function cleanFetches(layers: number): string[] {
  const names = [activationNames.residPre0, "target_logits"];
  for (let l = 0; l < layers; l++) {
    names.push(activationNames.attnOut(l), activationNames.mlpOut(l), activationNames.z(l), activationNames.mlpPost(l));
    names.push(activationNames.pattern(l), activationNames.residPost(l));
    for (const o of ["target_logprobs", "target_logits", "target_ranks", "top_ids", "top_logprobs"]) names.push(activationNames.lens(l) + o);
  }
  return names;
}

/** The vector at (batch b, position q) of a [batch, seq, ...rest] output. */
export function rowAt(t: OutputTensor, b: number, q: number): Float32Array {
  const width = t.dims.slice(2).reduce((x, y) => x * y, 1);
  const at = (b * t.dims[1] + q) * width;
  return (t.data as Float32Array).subarray(at, at + width);
}

export function answerActivations(out: Record<string, OutputTensor>, layers: number, b: number, q: number): AnswerActivations {
  const perLayer = (name: (l: number) => string) => Array.from({ length: layers }, (_, l) => rowAt(out[name(l)], b, q));
  return {
    embed: rowAt(out[activationNames.residPre0], b, q),
    attnOut: perLayer(activationNames.attnOut),
    mlpOut: perLayer(activationNames.mlpOut),
    z: perLayer(activationNames.z),
    mlpPost: perLayer(activationNames.mlpPost),
    final: rowAt(out[activationNames.residPost(layers - 1)], b, q),
  };
}

/** Every head's final-position attention row (q + 1 keys), layer-major then head, concatenated. */
export function attentionRows(out: Record<string, OutputTensor>, layers: number, b: number, q: number): Float32Array {
  const first = out[activationNames.pattern(0)];
  const [, heads, seq] = first.dims;
  const rows = new Float32Array(layers * heads * (q + 1));
  for (let l = 0; l < layers; l++) {
    const data = out[activationNames.pattern(l)].data as Float32Array;
    for (let h = 0; h < heads; h++) {
      const at = ((b * heads + h) * seq + q) * seq;
      rows.set(data.subarray(at, at + q + 1), (l * heads + h) * (q + 1));
    }
  }
  return rows;
}

/** All values at (batch b, position j) of an output, as numbers (float or int64 outputs). */
export function valuesAt(t: OutputTensor, b: number, j: number): number[] {
  const width = t.dims.slice(2).reduce((x, y) => x * y, 1);
  const at = (b * t.dims[1] + j) * width;
  const out: number[] = [];
  for (let i = 0; i < width; i++) out.push(Number(t.data[at + i]));
  return out;
}

/** Value k of item b at its single scored position, from a [batch, 1, k] output (float or int64). */
export function scoredAt(t: OutputTensor, b: number, k: number): number {
  const width = t.dims[2];
  return Number(t.data[b * t.dims[1] * width + k]);
}
