// The discovery page's logic, as pure functions over 0/1 columns (seed 003, "Identify capabilities"):
// start from the tokens a model gets right and confident (or those model B does and A does not), remove
// the tokens each chosen pattern explains, one filter after another (the funnel), and group what is left by
// the simplest pattern that marks it; the tokens no pattern marks are the residue, the candidates for new
// capabilities.

/** A pattern's marks over all tokens (patterns.bin, unpacked), in the order of simplicity. */
export interface PatternColumn {
  id: string;
  marks: Uint8Array;
}

/** One row of the funnel. */
export interface FunnelStep {
  /** What the row counts ("all tokens", "correct and confident", "minus <pattern>"). */
  label: string;
  /** The filter's pattern id; null for the starting rows. */
  pattern: string | null;
  /** Tokens left after this step. */
  count: number;
  /** Tokens this step removed (0 for the first row). */
  removed: number;
}

export interface PatternGroup {
  id: string;
  /** Remaining tokens whose simplest matching pattern is this one, in position order. */
  tokens: number[];
  /** Remaining tokens it marks at all (overlapping other groups). */
  matches: number;
}

/** Remaining tokens of one token id that no pattern marks. */
export interface ResidueEntry {
  id: number;
  tokens: number[];
}

export interface Discovery {
  funnel: FunnelStep[];
  /** 1 for the tokens left after every filter. */
  remaining: Uint8Array;
  remainingCount: number;
  /** One per pattern not used as a filter, in pattern order (empty groups included). */
  groups: PatternGroup[];
  /** Tokens no pattern marks, by token id: most frequent first, then first occurrence. */
  residue: ResidueEntry[];
  residueCount: number;
}

export function countOnes(flags: ArrayLike<number>): number {
  let n = 0;
  for (let t = 0; t < flags.length; t++) if (flags[t]) n++;
  return n;
}

/** "New in B": 1 where B is correct and confident and A is not (seed 003: filter what both get right). */
export function newIn(b: Uint8Array, a: Uint8Array): Uint8Array {
  return Uint8Array.from(b, (x, t) => (x && !a[t] ? 1 : 0));
}

/**
 * stages: the starting rows of the funnel, each a subset of the one before, e.g. [all tokens, B correct
 * and confident, and A not]; the last one is the set that filters and grouping start from. filters: ids of
 * the patterns whose tokens are removed, applied in the patterns' order.
 */
export function discover(
  stages: ReadonlyArray<{ label: string; mask: Uint8Array }>,
  patterns: readonly PatternColumn[],
  filters: ReadonlySet<string>,
  ids: ArrayLike<number>,
): Discovery {
  if (stages.length === 0) throw new Error("discover needs at least one starting set");
  const funnel: FunnelStep[] = [];
  let previous = -1;
  for (const { label, mask } of stages) {
    const count = countOnes(mask);
    funnel.push({ label, pattern: null, count, removed: previous < 0 ? 0 : previous - count });
    previous = count;
  }
  const remaining = Uint8Array.from(stages[stages.length - 1].mask, (x) => (x ? 1 : 0));
  let count = previous;
  for (const p of patterns) {
    if (!filters.has(p.id)) continue;
    let removed = 0;
    for (let t = 0; t < remaining.length; t++) {
      if (remaining[t] && p.marks[t]) {
        remaining[t] = 0;
        removed++;
      }
    }
    count -= removed;
    funnel.push({ label: `minus ${p.id}`, pattern: p.id, count, removed });
  }
  const grouping = patterns.filter((p) => !filters.has(p.id));
  const groups: PatternGroup[] = grouping.map((p) => ({ id: p.id, tokens: [], matches: 0 }));
  const byId = new Map<number, number[]>();
  let residueCount = 0;
  for (let t = 0; t < remaining.length; t++) {
    if (!remaining[t]) continue;
    let first = -1;
    grouping.forEach((p, k) => {
      if (!p.marks[t]) return;
      groups[k].matches++;
      if (first < 0) first = k;
    });
    if (first >= 0) groups[first].tokens.push(t);
    else {
      residueCount++;
      const list = byId.get(ids[t]) ?? [];
      if (list.length === 0) byId.set(ids[t], list);
      list.push(t);
    }
  }
  const residue = [...byId].map(([id, tokens]) => ({ id, tokens })).sort((a, b) => b.tokens.length - a.tokens.length || a.tokens[0] - b.tokens[0]);
  return { funnel, remaining, remainingCount: count, groups, residue, residueCount };
}

/**
 * Up to k example positions from a list in position order: distinct token ids from distinct stories
 * first (so a handful shows the pattern's range), then distinct ids from any story, then any.
 */
export function pickExamples(tokens: readonly number[], ids: ArrayLike<number>, storyOf: (t: number) => number, k: number): number[] {
  const picked: number[] = [];
  const usedIds = new Set<number>();
  const usedStories = new Set<number>();
  const pass = (ok: (t: number) => boolean) => {
    for (const t of tokens) {
      if (picked.length >= k) return;
      if (picked.includes(t) || !ok(t)) continue;
      picked.push(t);
      usedIds.add(ids[t]);
      usedStories.add(storyOf(t));
    }
  };
  pass((t) => !usedIds.has(ids[t]) && !usedStories.has(storyOf(t)));
  pass((t) => !usedIds.has(ids[t]));
  pass(() => true);
  return picked.sort((a, b) => a - b);
}
