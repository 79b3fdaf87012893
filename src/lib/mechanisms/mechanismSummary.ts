// Plain readings of one model's mechanism evidence that pages state in words and numbers (never typed by
// hand): its top heads, the component that writes the most of the answer, and the first block after which
// the logit lens ranks the answer near the top.
import type { ModelMechanisms } from "./mechanismSchema.ts";

/** Median rank at or below which the logit lens counts the answer as "near the top". */
export const LENS_NEAR_TOP_RANK = 10;

export type TopHead = ModelMechanisms["ablation"]["topHeads"][number];

/** The rank-th top head (1 = largest |effect|), or null where the file lists fewer. */
export function topHead(m: ModelMechanisms, rank = 1): TopHead | null {
  return m.ablation.topHeads[rank - 1] ?? null;
}

/** The normal-approximation 95% interval of a top head's effect. */
export function effectInterval(h: Pick<TopHead, "effect" | "sem">): [number, number] {
  return [h.effect - 1.96 * h.sem, h.effect + 1.96 * h.sem];
}

export interface AttributionPart {
  /** "embedding", "attention 3", "MLP 0" or "LayerNorm bias". */
  component: string;
  value: number;
}

/** Every additive part of the attribution, in model order (embedding, attention 0, MLP 0, ..., LayerNorm bias). */
export function attributionParts(m: ModelMechanisms): AttributionPart[] {
  const a = m.attribution;
  return [
    { component: "embedding", value: a.embed },
    ...a.attn.flatMap((v, l) => [
      { component: `attention ${l}`, value: v },
      { component: `MLP ${l}`, value: a.mlp[l] },
    ]),
    { component: "LayerNorm bias", value: a.lnBias },
  ];
}

/** The part with the largest |mean attribution| (the first on ties). */
export function largestAttribution(m: ModelMechanisms): AttributionPart {
  return attributionParts(m).reduce((best, p) => (Math.abs(p.value) > Math.abs(best.value) ? p : best));
}

/** The first block after which the answer's median rank is at most LENS_NEAR_TOP_RANK, or null if none. */
export function firstBlockNearTop(m: ModelMechanisms, rank = LENS_NEAR_TOP_RANK): number | null {
  return m.lens.find((b) => b.medianRank <= rank)?.block ?? null;
}

/**
 * Top heads (of every model) whose attention label has one of these names (previous-token, answer, ...) or
 * types (distance, content, first-token, diffuse), model by model.
 */
export function topHeadsLabelled(models: ModelMechanisms[], labels: readonly string[]): Array<{ model: string; head: TopHead }> {
  const wanted = (h: TopHead) => labels.includes(h.label.name) || labels.includes(h.label.type);
  return models.flatMap((m) => m.ablation.topHeads.filter(wanted).map((head) => ({ model: m.model.id, head })));
}
