// Detectors that ask a baseline: where plain statistics are already correct and confident, a model being
// right needs no new capability (the seeds' sceptics: "are these models just bigrams and trigrams?").
import type { PatternDetector } from "../patternTypes.ts";

function baselineConfident(scorer: string, title: string, description: string, capabilities: string[]): PatternDetector {
  return {
    id: `${scorer}-confident`,
    title,
    description,
    capabilities,
    needs: [scorer],
    detect: ({ ids, confident }) => Uint8Array.from({ length: ids.length }, (_, t) => (confident[scorer][t] ? 1 : 0)),
  };
}

export const bigramConfident = baselineConfident(
  "bigram",
  "Bigram baseline confident",
  "The bigram baseline (the current token only, counts from training text) is correct and confident here too.",
  ["ngrams"],
);

export const trigramConfident = baselineConfident(
  "trigram",
  "Trigram baseline confident",
  "The trigram baseline (the last two tokens, counts from training text) is correct and confident here too.",
  ["ngrams"],
);

export const copyConfident = baselineConfident(
  "copy",
  "Copy rule confident",
  "The copy rule (what followed the last earlier occurrence of the current token) is correct and confident here too.",
  ["induction"],
);
