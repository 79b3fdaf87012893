// A compact table of n-gram counts: contexts -> (next token, count), built by sorting numeric keys
// rather than filling a Map, which keeps ~6 bytes per distinct n-gram and fits 20M tokens in seconds.
//
// An n-gram (context, next) is encoded as the exact integer key = context * V + next, where a context of
// two ids (a, b) is a * V + b; with V = 50257 the largest key, V^3 ~ 1.3e14, is below 2^53, so doubles
// hold every key exactly and Float64Array's native numeric sort orders them.

/** Counts grouped by context: context j owns entries offsets[j] .. offsets[j + 1] - 1, next ids ascending. */
export interface NgramTable {
  /** Distinct context keys, ascending. */
  contexts: Float64Array;
  offsets: Uint32Array;
  next: Uint16Array;
  /** Raw counts, or continuation counts (distinct left neighbours) for Kneser-Ney's lower orders. */
  counts: Uint32Array;
}

/** The largest n-gram order whose keys stay exact in a double. */
export function checkKeyRange(vocabSize: number, contextIds: number): void {
  if (vocabSize ** (contextIds + 1) > Number.MAX_SAFE_INTEGER) {
    throw new Error(`a vocabulary of ${vocabSize} ids is too large for ${contextIds}-id contexts`);
  }
}

/** Sorts `keys` (context * V + next, one per occurrence) in place and counts equal keys. */
export function tableFromKeys(keys: Float64Array, vocabSize: number): NgramTable {
  keys.sort();
  // First pass: sizes.
  let distinct = 0;
  let contexts = 0;
  let prevKey = -1;
  let prevContext = -1;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === prevKey) continue;
    distinct++;
    prevKey = key;
    const context = Math.floor(key / vocabSize);
    if (context !== prevContext) {
      contexts++;
      prevContext = context;
    }
  }
  const table: NgramTable = {
    contexts: new Float64Array(contexts),
    offsets: new Uint32Array(contexts + 1),
    next: new Uint16Array(distinct),
    counts: new Uint32Array(distinct),
  };
  // Second pass: fill.
  let e = -1;
  let c = -1;
  prevKey = -1;
  prevContext = -1;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === prevKey) {
      table.counts[e]++;
      continue;
    }
    prevKey = key;
    e++;
    // key / V is below the next integer by at least 1/V, far more than a rounding step: floor is exact.
    const context = Math.floor(key / vocabSize);
    if (context !== prevContext) {
      c++;
      table.contexts[c] = context;
      table.offsets[c] = e;
      prevContext = context;
    }
    table.next[e] = key - context * vocabSize;
    table.counts[e] = 1;
  }
  table.offsets[contexts] = distinct;
  return table;
}

/** Index of a context key in the table, or -1 (binary search). */
export function findContext(table: NgramTable, context: number): number {
  const keys = table.contexts;
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const key = keys[mid];
    if (key < context) lo = mid + 1;
    else if (key > context) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** Count of (context, next), 0 if unseen. */
export function ngramCount(table: NgramTable, context: number, next: number): number {
  const j = findContext(table, context);
  if (j < 0) return 0;
  for (let e = table.offsets[j]; e < table.offsets[j + 1]; e++) {
    if (table.next[e] === next) return table.counts[e];
  }
  return 0;
}

/** Number of distinct n-grams in the table. */
export function ngramTypes(table: NgramTable): number {
  return table.next.length;
}
