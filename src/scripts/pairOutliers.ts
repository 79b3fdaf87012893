// The tokens where two scorers disagree most (seed 004: "poke at any outliers"): a sort of existing
// numbers, done in the page for whichever pair the reader picks.

export interface PairOutliers {
  /** Positions where log p(A) − log p(B) is largest (A far more confident), largest first. */
  aAbove: number[];
  /** Positions where log p(B) − log p(A) is largest, largest first. */
  bAbove: number[];
}

/** The k positions with the largest positive difference each way; ties go to the earlier position. */
export function pairOutliers(a: ArrayLike<number>, b: ArrayLike<number>, k: number): PairOutliers {
  if (a.length !== b.length) throw new Error(`columns of ${a.length} and ${b.length} tokens`);
  const up = new TopK(k);
  const down = new TopK(k);
  for (let t = 0; t < a.length; t++) {
    const d = a[t] - b[t];
    if (d > 0) up.offer(t, d);
    else if (d < 0) down.offer(t, -d);
  }
  return { aAbove: up.positions(), bAbove: down.positions() };
}

/** The k largest values seen, kept sorted (k is small, so insertion beats a heap in code and speed). */
class TopK {
  private readonly at: number[] = [];
  private readonly value: number[] = [];
  constructor(private readonly k: number) {}

  offer(position: number, value: number): void {
    const n = this.value.length;
    if (this.k <= 0 || (n === this.k && value <= this.value[n - 1])) return;
    let i = n;
    // Positions arrive in increasing order, so an equal value stays after the earlier one.
    while (i > 0 && this.value[i - 1] < value) i--;
    this.value.splice(i, 0, value);
    this.at.splice(i, 0, position);
    if (this.value.length > this.k) {
      this.value.pop();
      this.at.pop();
    }
  }

  positions(): number[] {
    return [...this.at];
  }
}
