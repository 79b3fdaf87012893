// Detectors that look at a token's own text and its neighbours' form: what kind of token was predicted.
import type { PatternDetector, StoryTokens } from "../patternTypes.ts";
import { atSentenceStart, bare, continuesWord, wholeWord } from "./tokenText.ts";

const each = (story: StoryTokens, test: (t: number) => boolean): Uint8Array => Uint8Array.from(story.texts, (_, t) => (test(t) ? 1 : 0));

export const continuation: PatternDetector = {
  id: "continuation",
  title: "Word continuation",
  description:
    'The token continues a word split into pieces: no leading space, starts with a letter, right after a token ending in a letter (" avoc" + "ados"). Seed 003 lists such words under n-grams.',
  capabilities: ["ngrams"],
  needs: [],
  detect: (story) => each(story, (t) => continuesWord(story.texts, t)),
};

export const punctuation: PatternDetector = {
  id: "punctuation",
  title: "Punctuation",
  description: 'The token is punctuation only: no letters, digits or line breaks (. , ! ? and quote tokens such as ." and the opening quote).',
  capabilities: [],
  needs: [],
  detect: (story) => each(story, (t) => bare(story.texts[t]) !== "" && !story.texts[t].includes("\n") && /^[^\p{L}\p{N}]+$/u.test(bare(story.texts[t]))),
};

export const newline: PatternDetector = {
  id: "newline",
  title: "Line break",
  description: "The token is a line break (or several): white space containing a newline, as between paragraphs.",
  capabilities: [],
  needs: [],
  detect: (story) => each(story, (t) => story.texts[t].includes("\n") && bare(story.texts[t]) === ""),
};

/** Third-person pronouns and possessives: the ones that refer back to a character or thing in the story. */
export const PRONOUNS = new Set(["he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their", "theirs", "himself", "herself", "itself", "themselves"]);

export const pronoun: PatternDetector = {
  id: "pronoun",
  title: "Third-person pronoun",
  description: `The token is a whole-word third-person pronoun or possessive, any case (${[...PRONOUNS].join(", ")}): it refers back to someone or something in the story. "I" and "you" are left out: in dialogue they refer to the speakers, not to earlier text.`,
  capabilities: ["pronouns"],
  needs: [],
  detect: (story) => each(story, (t) => wholeWord(story.texts, t) && PRONOUNS.has(bare(story.texts[t]).toLowerCase())),
};

export const name: PatternDetector = {
  id: "name",
  title: "Capitalised word mid-sentence",
  description:
    'The token is a capitalised word piece with a leading space that does not start a sentence (not after . ! ? a quote mark or a line break), other than " I": mostly names, first or only piece (" Spot", " B" of " Bongo").',
  capabilities: [],
  needs: [],
  detect: (story) => each(story, (t) => /^ \p{Lu}\p{L}*$/u.test(story.texts[t]) && story.texts[t] !== " I" && !atSentenceStart(story.texts, t)),
};
