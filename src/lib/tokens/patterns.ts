// The registry of token pattern detectors, in order of simplicity: the discovery page assigns each token
// to the first pattern here that marks it. The order runs from rules that look at least (a baseline's own
// prediction, a fixed phrase, the token's form) to rules over the whole story so far; a pattern comes before
// any pattern it implies (induction before repeat), else its group would always be empty.
import { bigramConfident, copyConfident, trigramConfident } from "./detectors/baselines.ts";
import { continuation, name, newline, pronoun, punctuation } from "./detectors/form.ts";
import { induction, repeat, wordForm } from "./detectors/history.ts";
import { oneDay, quoteClose, storyOpening } from "./detectors/phrases.ts";
import type { PatternDetector } from "./patternTypes.ts";

export type { PatternDetector, StoryTokens } from "./patternTypes.ts";

/** Bumped whenever a detector changes what it marks (stored in patterns.json). */
export const PATTERNS_VERSION = 1;

export const patternDetectors: readonly PatternDetector[] = [
  bigramConfident,
  trigramConfident,
  copyConfident,
  storyOpening,
  oneDay,
  continuation,
  quoteClose,
  punctuation,
  newline,
  pronoun,
  induction,
  repeat,
  wordForm,
  name,
];

export function patternDetector(id: string): PatternDetector | undefined {
  return patternDetectors.find((d) => d.id === id);
}

export interface LabelInput {
  /** Token ids of all stories, concatenated. */
  ids: Int32Array;
  /** storyOffsets[s]..storyOffsets[s+1] are story s's tokens. */
  storyOffsets: readonly number[];
  /** Text of a token id. */
  text: (id: number) => string;
  /** Per baseline scorer id: its confident column over all tokens. */
  confident: Readonly<Record<string, Uint8Array>>;
}

/** Runs detectors story by story (nothing looks across a story boundary); one 0/1 column per detector. */
export function labelTokens(detectors: readonly PatternDetector[], input: LabelInput): Uint8Array[] {
  const n = input.ids.length;
  const columns = detectors.map(() => new Uint8Array(n));
  for (let s = 0; s + 1 < input.storyOffsets.length; s++) {
    const [from, to] = [input.storyOffsets[s], input.storyOffsets[s + 1]];
    const ids = input.ids.subarray(from, to);
    const story = {
      ids,
      texts: Array.from(ids, input.text),
      confident: Object.fromEntries(Object.entries(input.confident).map(([id, c]) => [id, c.subarray(from, to)])),
    };
    detectors.forEach((d, k) => {
      const marks = d.detect(story);
      if (marks.length !== ids.length) throw new Error(`pattern ${d.id} gave ${marks.length} labels for a story of ${ids.length} tokens`);
      columns[k].set(marks, from);
    });
  }
  return columns;
}
