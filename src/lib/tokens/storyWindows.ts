// Stories longer than a model's context are read in overlapping windows: each window after the first
// starts half a context later and takes only the positions the previous one could not see in full.

/** Windows over an input of `length` tokens: [start, end) and the first index taken from it. */
export function storyWindows(length: number, maxPositions: number): Array<{ start: number; end: number; from: number }> {
  const stride = Math.max(1, Math.floor(maxPositions / 2));
  const out = [];
  for (let start = 0; ; start += stride) {
    const end = Math.min(length, start + maxPositions);
    out.push({ start, end, from: start === 0 ? 0 : start + maxPositions - stride });
    if (end === length) break;
  }
  return out;
}
