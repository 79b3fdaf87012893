// Discounts of modified Kneser-Ney (Chen & Goodman 1998, "An empirical study of smoothing techniques",
// eq. 26): an n-gram seen once loses D1, twice D2, three or more times D3+, estimated per order from the
// count-of-counts n_k (how many n-grams of that order have count k):
//   Y = n1 / (n1 + 2 n2),  D1 = 1 - 2Y n2/n1,  D2 = 2 - 3Y n3/n2,  D3+ = 3 - 4Y n4/n3.

/** [D1, D2, D3+]: what a count of 1, 2, and 3 or more loses. */
export type Discounts = readonly [number, number, number];

/** Plain interpolated Kneser-Ney's single discount, used where the estimates are undefined. */
export const FIXED_DISCOUNT = 0.75;

export const fixedDiscounts = (d: number): Discounts => [d, d, d];

/** n_1 .. n_4 of a list of counts (index 0 unused). */
export function countOfCounts(counts: ArrayLike<number>): [number, number, number, number, number] {
  const n: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c >= 1 && c <= 4) n[c]++;
  }
  return n;
}

/**
 * The modified-KN estimates, or the fixed discount 0.75 for all three where the estimates are undefined
 * or outside (0, k) for a count of k; that happens only for tiny corpora (some n_k is 0).
 */
export function modifiedKneserNeyDiscounts(counts: ArrayLike<number>): { discounts: Discounts; estimated: boolean } {
  const [, n1, n2, n3, n4] = countOfCounts(counts);
  const fallback = { discounts: fixedDiscounts(FIXED_DISCOUNT), estimated: false };
  if (n1 === 0 || n2 === 0 || n3 === 0 || n4 === 0) return fallback;
  const y = n1 / (n1 + 2 * n2);
  const d: Discounts = [1 - (2 * y * n2) / n1, 2 - (3 * y * n3) / n2, 3 - (4 * y * n4) / n3];
  if (!d.every((dk, k) => dk > 0 && dk < k + 1)) return fallback;
  return { discounts: d, estimated: true };
}

/** What a count loses: D1, D2 or D3+ (0 for an unseen n-gram). */
export function discountOf(count: number, d: Discounts): number {
  return count >= 3 ? d[2] : count === 2 ? d[1] : count === 1 ? d[0] : 0;
}
