// Where a head's final-position attention goes on a task's items: the mass on each fixed distance back
// (0 = the current token, 1 = the previous token, ...), on the first token, and on content-defined
// positions: earlier occurrences of the answer's first token, of the wrong answer's first token (in IOI-like
// tasks, the subject's name), and the tokens right after earlier occurrences of the current token (where
// an induction head looks). Content masses come with their chance level: the share of keys in the set.
import { mean } from "../scoring/aggregate.ts";

/** Distances summarised: 0..MAX_DISTANCE. */
export const MAX_DISTANCE = 8;

export type ContentKind = "answer" | "subject" | "inductionTarget";
export const contentKinds: readonly ContentKind[] = ["answer", "subject", "inductionTarget"];

export interface ContentMass {
  /** Attention on the set's positions. */
  mass: number;
  /** What uniform attention over the q + 1 keys would put there: |set| / (q + 1). */
  chance: number;
}

export interface ItemHeadMasses {
  first: number;
  /** distance[d] = attention on key q - d; null where q < d. */
  distance: (number | null)[];
  /** null where the item has no such position. */
  content: Record<ContentKind, ContentMass | null>;
}

/** The content-defined key sets of an item (ids = the prompt; q = ids.length - 1), earlier positions only. */
export function contentPositions(ids: readonly number[], answer: number, wrong: number | null): Record<ContentKind, number[]> {
  const q = ids.length - 1;
  const before = Array.from({ length: q }, (_, j) => j);
  return {
    answer: before.filter((j) => ids[j] === answer),
    subject: wrong === null ? [] : before.filter((j) => ids[j] === wrong),
    inductionTarget: before.filter((j) => j >= 1 && ids[j - 1] === ids[q]),
  };
}

/** One head's masses on one item, from its final-position row (q + 1 weights). */
export function itemHeadMasses(row: ArrayLike<number>, positions: Record<ContentKind, number[]>): ItemHeadMasses {
  const q = row.length - 1;
  const content = {} as Record<ContentKind, ContentMass | null>;
  for (const kind of contentKinds) {
    const set = positions[kind];
    content[kind] = set.length === 0 ? null : { mass: set.reduce((s, j) => s + row[j], 0), chance: set.length / (q + 1) };
  }
  return {
    first: row[0],
    distance: Array.from({ length: MAX_DISTANCE + 1 }, (_, d) => (d <= q ? row[q - d] : null)),
    content,
  };
}

export interface HeadSummary {
  /** Mean attention on the first token. */
  firstToken: number;
  /** Mean attention at each distance 0..MAX_DISTANCE, over the items long enough; null if none is. */
  distances: (number | null)[];
  /** Mean over the items that have such positions; null where none has. */
  content: Record<ContentKind, (ContentMass & { items: number }) | null>;
  /** Items summarised. */
  items: number;
}

export function summarizeHead(perItem: ItemHeadMasses[]): HeadSummary {
  const meanOrNull = (xs: number[]) => (xs.length ? mean(xs) : null);
  const content = {} as HeadSummary["content"];
  for (const kind of contentKinds) {
    const have = perItem.map((m) => m.content[kind]).filter((c): c is ContentMass => c !== null);
    content[kind] = have.length ? { mass: mean(have.map((c) => c.mass)), chance: mean(have.map((c) => c.chance)), items: have.length } : null;
  }
  return {
    firstToken: meanOrNull(perItem.map((m) => m.first)) ?? 0,
    distances: Array.from({ length: MAX_DISTANCE + 1 }, (_, d) => meanOrNull(perItem.flatMap((m) => (m.distance[d] === null ? [] : [m.distance[d]!])))),
    content,
    items: perItem.length,
  };
}
