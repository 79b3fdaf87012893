// Detectors for fixed phrases and the state of a quotation: what the story's form makes predictable.
import type { PatternDetector, StoryTokens } from "../patternTypes.ts";
import { bare } from "./tokenText.ts";

/** Marks every token of each occurrence of a sequence of bare token texts. */
function markSequences(story: StoryTokens, sequences: ReadonlyArray<readonly string[]>): Uint8Array {
  const out = new Uint8Array(story.texts.length);
  const words = story.texts.map(bare);
  for (const seq of sequences) {
    for (let t = 0; t + seq.length <= words.length; t++) {
      if (seq.every((w, k) => words[t + k] === w)) out.fill(1, t, t + seq.length);
    }
  }
  return out;
}

export const storyOpening: PatternDetector = {
  id: "story-opening",
  title: '"Once upon a time"',
  description: 'The token is part of "Once upon a time" (all four tokens, wherever it occurs): the formula most stories open with, an n-gram in seed 003.',
  capabilities: ["ngrams"],
  needs: [],
  detect: (story) => markSequences(story, [["Once", "upon", "a", "time"]]),
};

export const oneDay: PatternDetector = {
  id: "one-day",
  title: '"One day"',
  description: 'The token is "One" or "day" of "One day": where the setting ends and the plot starts (the story-start capability).',
  capabilities: ["story-start"],
  needs: [],
  detect: (story) => markSequences(story, [["One", "day"]]),
};

const opening = new Set(['"', "“"]);
const closing = new Set(['"', "”"]);

export const quoteClose: PatternDetector = {
  id: "quote-close",
  title: "Closing quote",
  description:
    'The token holds the quote mark that closes an open quotation (tokens such as ." !" ?" ,"). Straight quotes alternate open/close; a line break closes any quote left open (quotes do not span paragraphs in these stories, and one stray mark should not flip the rest).',
  capabilities: ["end-quote"],
  needs: [],
  detect(story) {
    const out = new Uint8Array(story.texts.length);
    let open = false;
    story.texts.forEach((text, t) => {
      for (const ch of text) {
        if (ch === "\n") open = false;
        else if (open && closing.has(ch)) {
          out[t] = 1;
          open = false;
        } else if (!open && opening.has(ch)) open = true;
      }
    });
    return out;
  },
};
