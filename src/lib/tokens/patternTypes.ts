// What a token pattern detector is: a named, documented, pure rule that marks tokens of one story. The
// discovery page removes tokens a pattern marks ("explained by capability X") and groups the rest by the
// simplest pattern that marks them (seed 003, "Identify capabilities", steps 2-4).

/** One story's tokens as the detectors see them. */
export interface StoryTokens {
  /** Token ids, in order. */
  ids: ArrayLike<number>;
  /** Their texts (as in vocab.json: decoded, leading spaces kept). */
  texts: readonly string[];
  /** Per baseline scorer id: 1 where that baseline is correct and confident at this token. */
  confident: Readonly<Record<string, ArrayLike<number>>>;
}

export interface PatternDetector {
  /** Stable id (kebab-case): the page's filter, the file's pattern name. */
  id: string;
  /** Short name for tables. */
  title: string;
  /** What it marks, in a sentence or two (shown on the page). */
  description: string;
  /** Capability slugs (src/content/capabilities/<slug>.mdx) a token it marks is an instance of; [] for none yet. */
  capabilities: readonly string[];
  /** Baseline scorer ids whose confident columns it reads; the producer skips it when one is missing. */
  needs: readonly string[];
  /** 1 where the token matches, 0 elsewhere; one entry per token of the story. */
  detect(story: StoryTokens): Uint8Array;
}
