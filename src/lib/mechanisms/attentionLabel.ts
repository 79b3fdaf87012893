// The labelling rule that names a head distance-based or content-based (seed 001: heads "associated with
// different fixed distances" vs heads that "consistently attend to the subject"), from its summary over a
// task's items (attentionSummary.ts). Candidates: every distance d (its mean mass), the first token, and
// each content kind that at least half of the items have and whose mass is at least twice its chance level.
// The label is the candidate with the largest mean mass if that mass is at least LABEL_MIN_MASS (ties go
// to distances, then the first token, then content kinds, in that order); otherwise the head is diffuse.
import { type ContentKind, type HeadSummary, contentKinds } from "./attentionSummary.ts";

export const LABEL_MIN_MASS = 0.4;
export const CONTENT_MIN_CHANCE_RATIO = 2;
export const CONTENT_MIN_ITEM_SHARE = 0.5;

export type LabelType = "distance" | "content" | "first-token" | "diffuse";

export interface AttentionLabel {
  type: LabelType;
  /** previous-token, current-token, distance-<d>, first-token, answer, subject, induction-target or diffuse. */
  name: string;
  /** The offset of a distance label, else null. */
  distance: number | null;
  /** Mean attention on what the label names (for diffuse: the largest candidate's). */
  mass: number;
}

const contentNames: Record<ContentKind, string> = { answer: "answer", subject: "subject", inductionTarget: "induction-target" };

export function distanceName(d: number): string {
  return d === 0 ? "current-token" : d === 1 ? "previous-token" : `distance-${d}`;
}

export function labelHead(s: HeadSummary): AttentionLabel {
  const candidates: AttentionLabel[] = [];
  s.distances.forEach((mass, d) => {
    if (mass !== null) candidates.push({ type: "distance", name: distanceName(d), distance: d, mass });
  });
  candidates.push({ type: "first-token", name: "first-token", distance: null, mass: s.firstToken });
  for (const kind of contentKinds) {
    const c = s.content[kind];
    if (c && c.items >= CONTENT_MIN_ITEM_SHARE * s.items && c.mass >= CONTENT_MIN_CHANCE_RATIO * c.chance) {
      candidates.push({ type: "content", name: contentNames[kind], distance: null, mass: c.mass });
    }
  }
  // Stable: on equal mass the earlier candidate (distances first) wins.
  const best = candidates.reduce((a, b) => (b.mass > a.mass ? b : a));
  return best.mass >= LABEL_MIN_MASS ? best : { type: "diffuse", name: "diffuse", distance: null, mass: best.mass };
}
