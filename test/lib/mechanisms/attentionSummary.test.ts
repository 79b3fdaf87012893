// Attention summaries and the labelling rule on hand-made patterns, with exact values.
import { describe, expect, it } from "vitest";
import { labelHead } from "../../../src/lib/mechanisms/attentionLabel.ts";
import { MAX_DISTANCE, contentPositions, itemHeadMasses, summarizeHead } from "../../../src/lib/mechanisms/attentionSummary.ts";

/** A final-position row over q + 1 keys with the given weights at the given keys (0 elsewhere). */
function row(keys: number, weights: Record<number, number>): number[] {
  return Array.from({ length: keys }, (_, j) => weights[j] ?? 0);
}

describe("attention summaries", () => {
  it("label a planted previous-token head distance-based with distance 1", () => {
    // Three items of different lengths; each last row puts all weight on t - 1.
    const items = [
      [10, 11, 12, 13, 14],
      [20, 21, 22, 23, 24, 25, 26, 27],
      [30, 31, 32],
    ];
    const masses = items.map((ids) => itemHeadMasses(row(ids.length, { [ids.length - 2]: 1 }), contentPositions(ids, 99, null)));
    const s = summarizeHead(masses);
    expect(s.distances[1]).toBe(1);
    expect(s.distances[0]).toBe(0);
    expect(s.distances[2]).toBe(0);
    // Only the 8-token item reaches distance 7; none reaches 8.
    expect(s.distances[7]).toBe(0);
    expect(s.distances[MAX_DISTANCE]).toBeNull();
    expect(s.firstToken).toBe(0);
    expect(s.content).toEqual({ answer: null, subject: null, inductionTarget: null });
    expect(labelHead(s)).toEqual({ type: "distance", name: "previous-token", distance: 1, mass: 1 });
  });

  it("finds induction targets, the answer's and the subject's earlier occurrences, with chance levels", () => {
    // " B ongo . Mia B" -> the token after the earlier " B" (position 1) is the induction target; the answer
    // "ongo" (id 2) sits there too; the wrong answer (id 7) just before the final position.
    const first = [1, 2, 5, 7, 1];
    const positions = contentPositions(first, 2, 7);
    expect(positions).toEqual({ answer: [1], subject: [3], inductionTarget: [1] });
    const m = itemHeadMasses(row(5, { 1: 0.75, 3: 0.25 }), positions);
    expect(m.content.inductionTarget).toEqual({ mass: 0.75, chance: 0.2 });
    expect(m.content.subject).toEqual({ mass: 0.25, chance: 0.2 });
    expect(m.first).toBe(0);
    expect(m.distance.slice(0, 5)).toEqual([0, 0.25, 0, 0.75, 0]);
    // A second item puts the answer one position further back, so no fixed distance holds it.
    const second = [1, 2, 5, 5, 7, 1];
    const m2 = itemHeadMasses(row(6, { 1: 0.75, 4: 0.25 }), contentPositions(second, 2, 7));
    const s = summarizeHead([m, m2]);
    expect(s.distances.slice(0, 5)).toEqual([0, 0.25, 0, 0.375, 0.375]);
    expect(s.content.answer).toEqual({ mass: 0.75, chance: (1 / 5 + 1 / 6) / 2, items: 2 });
    // answer and induction target tie at 0.75: content kinds are tried in the order answer, subject, induction.
    expect(labelHead(s)).toEqual({ type: "content", name: "answer", distance: null, mass: 0.75 });
  });

  it("labels a head that parks on the first token, and a spread-out head diffuse", () => {
    const ids = [1, 2, 3, 4, 5, 6];
    // In a short prompt the first token is also a fixed distance (5 here): ties go to distances.
    const sink = summarizeHead([itemHeadMasses(row(6, { 0: 0.6, 3: 0.4 }), contentPositions(ids, 9, null))]);
    expect(sink.firstToken).toBe(0.6);
    expect(labelHead(sink)).toEqual({ type: "distance", name: "distance-5", distance: 5, mass: 0.6 });
    const long = [...ids, 7, 8, 9, 10, 11, 12];
    const sinkLong = summarizeHead([itemHeadMasses(row(12, { 0: 0.6, 3: 0.4 }), contentPositions(long, 99, null))]);
    expect(labelHead(sinkLong)).toEqual({ type: "first-token", name: "first-token", distance: null, mass: 0.6 });
    const flat = summarizeHead([itemHeadMasses(row(12, Object.fromEntries(long.map((_, j) => [j, 1 / 12]))), contentPositions(long, 99, null))]);
    expect(labelHead(flat).type).toBe("diffuse");
  });

  it("ignores a content kind that fewer than half of the items have, or that is not above twice its chance", () => {
    const a = itemHeadMasses(row(4, { 1: 1 }), contentPositions([5, 6, 7, 5], 0, null)); // induction target at 1
    const b = itemHeadMasses(row(4, { 0: 0.3, 2: 0.3, 3: 0.4 }), contentPositions([1, 2, 3, 4], 0, null));
    const c = itemHeadMasses(row(4, { 0: 0.3, 2: 0.3, 3: 0.4 }), contentPositions([1, 2, 3, 4], 0, null));
    const s = summarizeHead([a, b, c]);
    expect(s.content.inductionTarget).toEqual({ mass: 1, chance: 0.25, items: 1 });
    expect(labelHead(s).name).not.toBe("induction-target");
  });
});
