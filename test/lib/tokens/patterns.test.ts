// Every pattern detector on small hand-made token sequences, with exact expected marks; the registry's
// ids, order and capability slugs; and labelling that never looks across a story boundary.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { labelTokens, patternDetector, patternDetectors } from "../../../src/lib/tokens/patterns.ts";
import type { StoryTokens } from "../../../src/lib/tokens/patternTypes.ts";
import { storyWords } from "../../../src/lib/tokens/detectors/tokenText.ts";
import { repoRoot } from "../../sharedPath.ts";

/** A story from token texts: equal texts get equal ids (as a tokenizer would). */
function story(texts: string[], confident: Record<string, number[]> = {}): StoryTokens {
  const ids = new Map<string, number>();
  return { ids: texts.map((t) => ids.get(t) ?? (ids.set(t, ids.size), ids.size - 1)), texts, confident };
}

function marks(id: string, s: StoryTokens): number[] {
  const d = patternDetector(id);
  if (!d) throw new Error(`no detector ${id}`);
  return Array.from(d.detect(s));
}

describe("pattern detectors", () => {
  it("repeat: the token id occurred earlier in the story", () => {
    expect(marks("repeat", story([" a", " big", " house", " with", " a", " house"]))).toEqual([0, 0, 0, 0, 1, 1]);
    // "The" and " The" are different tokens.
    expect(marks("repeat", story(["The", " house", ".", " The", " house"]))).toEqual([0, 0, 0, 0, 1]);
  });

  it("induction: the previous token followed by this one occurred earlier", () => {
    expect(marks("induction", story([" B", "ongo", " ran", ".", " B", "ongo", " ran"]))).toEqual([0, 0, 0, 0, 0, 1, 1]);
    // An overlapping earlier pair counts: "a a" at 0-1, then again at 1-2.
    expect(marks("induction", story([" a", " a", " a"]))).toEqual([0, 0, 1]);
    // The same token after a different one is a repeat, not induction.
    expect(marks("induction", story([" the", " cat", " a", " cat"]))).toEqual([0, 0, 0, 0]);
  });

  it("word-form: a word start whose letters are a prefix of a different earlier word, or the reverse", () => {
    const s = story([" zeb", "ras", " ran", ".", " The", " zebra", " played", " with", " play", "ing", " toys", " the", " there", " jump", " jumps"]);
    expect(marks("word-form", s)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
    // A word counts as earlier only once complete: " play" + "ing" is "playing", not "play".
    expect(marks("word-form", story([" play", "ing", " playing"]))).toEqual([0, 0, 0]);
    expect(storyWords([" zeb", "ras", ".", " Hi", "!\"", "ok"])).toEqual([
      { start: 0, end: 2, word: "zebras" },
      { start: 3, end: 4, word: "hi" },
      { start: 5, end: 6, word: "ok" },
    ]);
  });

  it("continuation: a letter piece right after a token ending in a letter", () => {
    expect(marks("continuation", story([" B", "ongo", " ran", "'s", " avoc", "ados", ".", "Lily"]))).toEqual([0, 1, 0, 0, 0, 1, 0, 0]);
  });

  it("quote-close: the quote mark that closes an open quotation; a line break closes any left open", () => {
    const said = [" said", ",", " \"", "Thank", " you", ",", " Spot", ".\"", " She", " smiled", "."];
    expect(marks("quote-close", story(said))).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
    expect(marks("quote-close", story([" \"", "Hi", "\n", "\"", "Bye", "!\"", " \"", "Yes", ",\""]))).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 1]);
    expect(marks("quote-close", story([" “", "Hi", "”", " he", " said"]))).toEqual([0, 0, 1, 0, 0]);
  });

  it("punctuation: no letters, digits or line breaks", () => {
    expect(marks("punctuation", story([" Hi", ",", " \"", "!\"", "\n", ".", " 3", " ", ".\n"]))).toEqual([0, 1, 1, 1, 0, 1, 0, 0, 0]);
  });

  it("newline: white space holding a line break", () => {
    expect(marks("newline", story([" Hi", "\n", "\n\n", " ", ".\n"]))).toEqual([0, 1, 1, 0, 0]);
  });

  it("pronoun: whole-word third-person pronouns and possessives, any case", () => {
    const s = story([" Tim", " went", " to", " his", " house", ".", " He", " saw", " it", ".", " It", "'s", " them", " I", " you", " he", "art", "\n", "Her"]);
    expect(marks("pronoun", s)).toEqual([0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1]);
  });

  it("name: a capitalised piece with a leading space, not at a sentence start, not \" I\"", () => {
    const texts = [" girl", " named", " Lily", ".", " Lily", " liked", " Max", ".", "\n", "Max", " said", ",", " \"", "Hi", ",", " Tom", "!\"", " I", " am", " B", "ongo", "."];
    const expected = [0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0];
    expect(marks("name", story(texts))).toEqual(expected);
    expect(marks("name", story([" Lily", " ran"]))).toEqual([0, 0]);
  });

  it("story-opening: every token of \"Once upon a time\"", () => {
    expect(marks("story-opening", story(["Once", " upon", " a", " time", ",", " once", " upon", " a", " time"]))).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(marks("story-opening", story(["\n", " Once", " upon", " a", " time"]))).toEqual([0, 1, 1, 1, 1]);
  });

  it("one-day: both tokens of \"One day\"", () => {
    expect(marks("one-day", story(["One", " day", ",", " One", " of", " the", " days", ".", " One", " day"]))).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 1, 1]);
  });

  it("baselines: where that baseline's confident column is 1", () => {
    const s = story([" a", " b", " c", " d"], { bigram: [0, 1, 1, 0], trigram: [0, 0, 1, 1], copy: [1, 0, 0, 0] });
    expect(marks("bigram-confident", s)).toEqual([0, 1, 1, 0]);
    expect(marks("trigram-confident", s)).toEqual([0, 0, 1, 1]);
    expect(marks("copy-confident", s)).toEqual([1, 0, 0, 0]);
  });
});

describe("the pattern registry", () => {
  it("has unique kebab-case ids, descriptions, and capability slugs that have pages", () => {
    const ids = patternDetectors.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of patternDetectors) {
      expect(d.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(d.description.length).toBeGreaterThan(20);
    }
    const pages = new Set(fs.readdirSync(path.join(repoRoot, "src/content/capabilities")).map((f) => f.replace(/\.mdx$/, "")));
    for (const slug of patternDetectors.flatMap((d) => d.capabilities)) expect(pages, `capability slug ${slug}`).toContain(slug);
  });

  it("puts a pattern before the one it implies (induction before repeat), so its group is never empty by construction", () => {
    const ids = patternDetectors.map((d) => d.id);
    expect(ids.indexOf("induction")).toBeLessThan(ids.indexOf("repeat"));
    expect(ids.indexOf("quote-close")).toBeLessThan(ids.indexOf("punctuation"));
    expect(ids.slice(0, 3)).toEqual(["bigram-confident", "trigram-confident", "copy-confident"]);
  });

  it("labels story by story: nothing is a repeat of a token in another story", () => {
    const texts = [" a", " b", " a", " a", " c"];
    const columns = labelTokens([patternDetector("repeat")!, patternDetector("bigram-confident")!], {
      ids: Int32Array.from([5, 6, 5, 5, 7]),
      storyOffsets: [0, 3, 5],
      text: (id) => texts[[5, 6, 5, 5, 7].indexOf(id)],
      confident: { bigram: Uint8Array.from([0, 1, 0, 1, 1]) },
    });
    expect(columns.map((c) => Array.from(c))).toEqual([
      [0, 0, 1, 0, 0],
      [0, 1, 0, 1, 1],
    ]);
  });
});
