// Detectors that look back over the story so far: a token (or token pair, or word stem) seen before.
import type { PatternDetector } from "../patternTypes.ts";
import { letters, storyWords } from "./tokenText.ts";

export const repeat: PatternDetector = {
  id: "repeat",
  title: "Repeated token",
  description: "The token id occurred earlier in the same story (\"a big house ... The house\").",
  capabilities: ["repeated-tokens"],
  needs: [],
  detect({ ids }) {
    const out = new Uint8Array(ids.length);
    const seen = new Set<number>();
    for (let t = 0; t < ids.length; t++) {
      if (seen.has(ids[t])) out[t] = 1;
      seen.add(ids[t]);
    }
    return out;
  },
};

export const induction: PatternDetector = {
  id: "induction",
  title: "Repeated pair (induction)",
  description:
    'The previous token followed by this one occurred earlier in the story, so copying what followed the previous token last time gets it right (" B" + "ongo" ... " B" -> "ongo"): the target of an induction head. Implies "repeat".',
  capabilities: ["induction"],
  needs: [],
  detect({ ids }) {
    const out = new Uint8Array(ids.length);
    // Pairs as one number: ids are below 2^20 for GPT-2's 50257 tokens, so a * 2^20 + b is exact.
    const seen = new Set<number>();
    for (let t = 1; t < ids.length; t++) {
      const pair = ids[t - 1] * 2 ** 20 + ids[t];
      if (seen.has(pair)) out[t] = 1;
      seen.add(pair);
    }
    return out;
  },
};

/** Shortest stem compared, in letters: shorter ones ("the" in "there") match by accident. */
export const WORD_FORM_MIN_LETTERS = 4;

export const wordForm: PatternDetector = {
  id: "word-form",
  title: "Another form of an earlier word",
  description: `The token starts a word and its letters are a prefix of a different earlier word of the story, or the reverse (" zebra" after "zebras", " played" after " play"), both at least ${WORD_FORM_MIN_LETTERS} letters: the plural-singular capability, whatever the tokenization.`,
  capabilities: ["plural-singular"],
  needs: [],
  detect({ texts }) {
    const out = new Uint8Array(texts.length);
    const words = storyWords(texts);
    // Words complete before this one starts (ends only grow with starts, so one pointer walks them).
    const earlier = new Set<string>();
    let done = 0;
    for (const { start } of words) {
      while (done < words.length && words[done].end <= start) earlier.add(words[done++].word);
      const token = letters(texts[start]);
      if (token.length < WORD_FORM_MIN_LETTERS) continue;
      for (const w of earlier) {
        if (w !== token && w.length >= WORD_FORM_MIN_LETTERS && (w.startsWith(token) || token.startsWith(w))) {
          out[start] = 1;
          break;
        }
      }
    }
    return out;
  },
};
