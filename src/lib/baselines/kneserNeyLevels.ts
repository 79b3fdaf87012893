// The pieces of interpolated Kneser-Ney: the continuation counts of the lower orders, and per order the
// normalisers and back-off weights that turn counts into discounted probabilities.
import { discountOf, fixedDiscounts, modifiedKneserNeyDiscounts, type Discounts } from "./discounts.ts";
import { tableFromKeys, type NgramTable } from "./ngramTable.ts";

/** "modified": three discounts per order estimated from its count-of-counts; a number: that one discount. */
export type DiscountChoice = "modified" | number;

/** Discounts chosen for one order, and whether they were estimated (false: the fixed fallback). */
export interface LevelDiscounts {
  discounts: Discounts;
  estimated: boolean;
}

export function chooseDiscounts(counts: ArrayLike<number>, choice: DiscountChoice): LevelDiscounts {
  if (choice === "modified") return modifiedKneserNeyDiscounts(counts);
  if (!(choice > 0 && choice < 1)) throw new Error(`a fixed Kneser-Ney discount must be in (0, 1), got ${choice}`);
  return { discounts: fixedDiscounts(choice), estimated: false };
}

/**
 * One order above the lowest, ready to score: for context j with total T_j and entries (c, n),
 *   alpha(c) = (n - D(n)) / T_j   and   gamma_j = sum over entries of D(n) / T_j,
 * so that p(c | ctx) = alpha(c) + gamma_j * p_lower(c) sums to 1.
 */
export interface KneserNeyLevel {
  table: NgramTable;
  discounts: Discounts;
  estimated: boolean;
  /** 1 / T_j per context. */
  invTotal: Float64Array;
  /** gamma_j per context. */
  gamma: Float64Array;
}

export function kneserNeyLevel(table: NgramTable, choice: DiscountChoice): KneserNeyLevel {
  const { discounts, estimated } = chooseDiscounts(table.counts, choice);
  const contexts = table.contexts.length;
  const invTotal = new Float64Array(contexts);
  const gamma = new Float64Array(contexts);
  for (let j = 0; j < contexts; j++) {
    let total = 0;
    let lost = 0;
    for (let e = table.offsets[j]; e < table.offsets[j + 1]; e++) {
      total += table.counts[e];
      lost += discountOf(table.counts[e], discounts);
    }
    invTotal[j] = 1 / total;
    gamma[j] = lost / total;
  }
  return { table, discounts, estimated, invTotal, gamma };
}

/** alpha of entry e of context j. */
export function discountedProbability(level: KneserNeyLevel, j: number, e: number): number {
  const n = level.table.counts[e];
  return (n - discountOf(n, level.discounts)) * level.invTotal[j];
}

/**
 * The lowest order as a dense array over the vocabulary, interpolated with the uniform distribution:
 *   p(c) = (n_c - D(n_c)) / N + (sum_c D(n_c) / N) / V,   N = sum_c n_c,
 * so every id has probability >= gamma / V > 0 (with no counts at all: uniform).
 */
export function lowestOrder(counts: Uint32Array, choice: DiscountChoice): { p: Float64Array } & LevelDiscounts {
  const V = counts.length;
  const { discounts, estimated } = chooseDiscounts(counts, choice);
  let total = 0;
  let lost = 0;
  for (let c = 0; c < V; c++) {
    total += counts[c];
    lost += discountOf(counts[c], discounts);
  }
  const p = new Float64Array(V);
  if (total === 0) return { p: p.fill(1 / V), discounts, estimated };
  const uniform = lost / total / V;
  for (let c = 0; c < V; c++) p[c] = (counts[c] - discountOf(counts[c], discounts)) / total + uniform;
  return { p, discounts, estimated };
}

/** N1+(. c): the number of distinct ids that precede c, from the bigram table. */
export function unigramContinuationCounts(bigram: NgramTable, vocabSize: number): Uint32Array {
  const n = new Uint32Array(vocabSize);
  for (let e = 0; e < bigram.next.length; e++) n[bigram.next[e]]++;
  return n;
}

/** N1+(. b c): for context b, the number of distinct ids a with c(a, b, c) > 0, from the trigram table. */
export function bigramContinuationTable(trigram: NgramTable, vocabSize: number): NgramTable {
  const keys = new Float64Array(trigram.next.length);
  for (let j = 0; j < trigram.contexts.length; j++) {
    const b = trigram.contexts[j] % vocabSize;
    for (let e = trigram.offsets[j]; e < trigram.offsets[j + 1]; e++) keys[e] = b * vocabSize + trigram.next[e];
  }
  return tableFromKeys(keys, vocabSize);
}
