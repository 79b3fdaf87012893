// Interpolated Kneser-Ney n-gram models of order 1, 2 and 3 over the counts of ngramCounts.ts.
//
//   order 3:  p3(c | a b) = alpha3(a b c) + gamma3(a b) * p2(c | b)      raw counts c(a b c)
//             p2(c | b)   = alpha2(b c)   + gamma2(b)   * p1(c)          continuation counts N1+(. b c)
//             p1(c)       = alpha1(c)     + gamma1 / V                   continuation counts N1+(. c)
//   order 2:  p2(c | b) from raw counts c(b c) over the same p1;
//   order 1:  p1 from raw counts c(c), interpolated with the uniform distribution as above.
// An unseen context passes its mass down whole (gamma = 1, no alpha). Discounts: modified KN, estimated
// per order (discounts.ts), unless a fixed one is asked for.
import type { Discounts } from "./discounts.ts";
import {
  bigramContinuationTable,
  discountedProbability,
  kneserNeyLevel,
  lowestOrder,
  unigramContinuationCounts,
  type DiscountChoice,
  type KneserNeyLevel,
  type LevelDiscounts,
} from "./kneserNeyLevels.ts";
import type { NgramCounts } from "./ngramCounts.ts";
import { findContext } from "./ngramTable.ts";

export type NgramOrder = 1 | 2 | 3;

export interface KneserNeyOptions {
  /** Default "modified". */
  discounts?: DiscountChoice;
}

export class KneserNeyModel {
  readonly vocabSize: number;
  readonly boundaryId: number;
  /** p1 over the whole vocabulary. */
  private readonly lowest: Float64Array;
  /** The orders above the lowest: [bigram] or [bigram (continuation), trigram]. */
  private readonly levels: KneserNeyLevel[];
  /** Discounts per order, lowest first, for provenance. */
  readonly discounts: LevelDiscounts[];

  constructor(
    counts: NgramCounts,
    readonly order: NgramOrder,
    opts: KneserNeyOptions = {},
  ) {
    const choice = opts.discounts ?? "modified";
    const V = counts.vocabSize;
    this.vocabSize = V;
    this.boundaryId = counts.boundaryId;
    const lowest = lowestOrder(order === 1 ? counts.unigram : unigramContinuationCounts(counts.bigram, V), choice);
    this.lowest = lowest.p;
    this.levels =
      order === 1
        ? []
        : order === 2
          ? [kneserNeyLevel(counts.bigram, choice)]
          : [kneserNeyLevel(bigramContinuationTable(counts.trigram, V), choice), kneserNeyLevel(counts.trigram, choice)];
    this.discounts = [lowest, ...this.levels].map(({ discounts, estimated }) => ({ discounts, estimated }));
  }

  /** Discounts of the highest order. */
  get topDiscounts(): Discounts {
    return this.discounts[this.discounts.length - 1].discounts;
  }

  /**
   * Writes p(c | a b) for every id c into out (length V). The context is the last order-1 ids: b the
   * current token, a the one before (ignored below order 3).
   */
  fill(out: Float64Array, a: number, b: number): void {
    const p1 = this.lowest;
    const V = this.vocabSize;
    if (this.order === 1) {
      out.set(p1);
      return;
    }
    const [mid, top] = this.levels;
    const jMid = findContext(mid.table, b);
    const jTop = top ? findContext(top.table, a * V + b) : -1;
    const gTop = jTop >= 0 ? top.gamma[jTop] : 1;
    const gMid = jMid >= 0 ? mid.gamma[jMid] : 1;
    const scale = gTop * gMid;
    for (let c = 0; c < V; c++) out[c] = scale * p1[c];
    if (jMid >= 0) addDiscounted(out, mid, jMid, gTop);
    if (jTop >= 0) addDiscounted(out, top, jTop, 1);
  }

  /** p(c | a b) for one id, without a dense pass. */
  probability(c: number, a: number, b: number): number {
    let p = this.lowest[c];
    const keys = [b, a * this.vocabSize + b];
    this.levels.forEach((level, l) => {
      const j = findContext(level.table, keys[l]);
      if (j < 0) return;
      let alpha = 0;
      for (let e = level.table.offsets[j]; e < level.table.offsets[j + 1]; e++) {
        if (level.table.next[e] === c) alpha = discountedProbability(level, j, e);
      }
      p = alpha + level.gamma[j] * p;
    });
    return p;
  }
}

/** out[c] += weight * alpha(c) for the entries of context j. */
function addDiscounted(out: Float64Array, level: KneserNeyLevel, j: number, weight: number): void {
  const { table } = level;
  for (let e = table.offsets[j]; e < table.offsets[j + 1]; e++) {
    out[table.next[e]] += weight * discountedProbability(level, j, e);
  }
}
