// The pieces every report file is made of: escaping ids and captions for LaTeX, macro names from ids,
// and the number format.
import { describe, expect, it } from "vitest";
import { escapeLatex, texttt } from "../../../src/lib/report/latexEscape.ts";
import { latexCount, latexGroupedCount, latexInterval, latexReal, plainNumber } from "../../../src/lib/report/latexNumbers.ts";
import { idToLetters, MacroNames, spellDigits } from "../../../src/lib/report/macroNames.ts";
import { verdictTableTex } from "../../../src/lib/report/verdictTables.ts";
import { fmt } from "../../../src/lib/site/resultViews.ts";
import { tinyResult } from "../figures/resultFiles.ts";
import type { ResultFile } from "../../../src/lib/results/resultSchema.ts";

describe("LaTeX escaping", () => {
  it("escapes underscores and percent signs and keeps doubled hyphens from becoming dashes", () => {
    expect(escapeLatex("my_model-2%--x")).toBe("my\\_model-2\\%-{}-x");
    expect(texttt("tiny-random_gpt-neo")).toBe("\\texttt{tiny-random\\_gpt-neo}");
  });

  it("escapes every LaTeX special character", () => {
    expect(escapeLatex("a&b $c #d {e} ~f ^g \\h")).toBe("a\\&b \\$c \\#d \\{e\\} \\textasciitilde{}f \\^{}g \\textbackslash{}h");
    expect(escapeLatex("top-1 rate >= 0.5 and diff > 0")).toBe("top-1 rate \\ensuremath{\\geq} 0.5 and diff \\ensuremath{>} 0");
  });

  it("writes an id with a hyphen, an underscore and a percent sign escaped in a verdict table", () => {
    const result = renameScorer(tinyResult(), "small", "small_model-5%");
    const tex = verdictTableTex(result);
    expect(tex).toContain("\\texttt{small\\_model-5\\%}");
    expect(tex).not.toMatch(/[^\\]small_model/);
  });
});

describe("macro names", () => {
  it("spells digit runs as numbers and CamelCases the words between separators", () => {
    expect(idToLetters("tinystories-8L-64-replica")).toBe("TinystoriesEightLSixtyFourReplica");
    expect(idToLetters("tinystories-1L-256-replica")).toBe("TinystoriesOneLTwoHundredFiftySixReplica");
    expect(idToLetters("TinyStories-33M")).toBe("TinyStoriesThirtyThreeM");
    expect(idToLetters("end_quote.v2")).toBe("EndQuoteVTwo");
    expect(spellDigits("0")).toBe("Zero");
    expect(spellDigits("1000")).toBe("OneThousand");
    expect(spellDigits("1100019")).toBe("OneMillionOneHundredThousandNineteen");
    expect(spellDigits("07")).toBe("ZeroSeven");
  });

  it("refuses an id without letters or digits", () => {
    expect(() => idToLetters("--")).toThrow(/no letters or digits/);
  });

  it("fails loudly when two things would get the same name", () => {
    const names = new MacroNames();
    names.claim(`atlas${idToLetters("a-b")}`, "scorer a-b");
    expect(() => names.claim(`atlas${idToLetters("aB")}`, "scorer aB")).toThrow(/\\atlasAB would be defined twice, for scorer a-b and for scorer aB/);
    expect(() => names.claim("atlas2", "digits")).toThrow(/not a valid LaTeX macro name/);
  });
});

describe("numbers", () => {
  it("formats reals as the site does, with minus signs and powers of ten in math mode", () => {
    expect(latexReal(0.1187573)).toBe("0.119");
    expect(latexReal(-0.5)).toBe("\\ensuremath{-}0.500");
    expect(latexReal(1.146591e-5)).toBe("\\ensuremath{1.1\\times 10^{-5}}");
    expect(latexReal(-2.5e-4)).toBe("\\ensuremath{-2.5\\times 10^{-4}}");
    expect(latexReal(0)).toBe("0.000");
    expect(latexReal(24777, 1)).toBe("24777.0");
    expect(latexReal(null)).toBe("--");
    for (const x of [0.1187573, -0.5, 1.146591e-5, -2.5e-4, 12.40698]) expect(plainNumber(latexReal(x))).toBe(fmt(x, 3));
  });

  it("writes counts as digits, grouped in tables, and intervals in brackets", () => {
    expect(latexCount(38071)).toBe("38071");
    expect(latexGroupedCount(14179584)).toBe("14\\,179\\,584");
    expect(latexGroupedCount(999)).toBe("999");
    expect(latexInterval({ value: 0.5, low: 0.25, high: 0.75 })).toBe("0.500 {\\scriptsize[0.250, 0.750]}");
  });
});

function renameScorer(result: ResultFile, from: string, to: string): ResultFile {
  const rename = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));
  return {
    ...result,
    scorers: result.scorers.map((s) => (s.id === from ? { ...s, id: to } : s)),
    scores: rename(result.scores),
    aggregates: rename(result.aggregates),
    breakdowns: rename(result.breakdowns),
  };
}
