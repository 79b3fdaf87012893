// Attention shading: opacity sqrt(weight), clamped; rows read out of a [heads, t, t] pattern; tokens with
// their whitespace visible.
import { describe, expect, it } from "vitest";
import { attentionAlpha, attentionBackground, attentionTextColour, patternRow } from "../../src/scripts/attentionShading.ts";

describe("attention shading", () => {
  it("maps a weight to opacity sqrt(weight), clamped to [0, 1]", () => {
    expect(attentionAlpha(0)).toBe(0);
    expect(attentionAlpha(0.25)).toBe(0.5);
    expect(attentionAlpha(1)).toBe(1);
    expect(attentionAlpha(1.5)).toBe(1);
    expect(attentionAlpha(-0.1)).toBe(0);
    expect(attentionAlpha(Number.NaN)).toBe(0);
    expect(attentionBackground(0.25)).toBe("rgba(43, 108, 176, 0.500)");
  });

  it("keeps more attention darker, and puts light text on the darkest shades only", () => {
    const weights = [0, 0.01, 0.1, 0.3, 0.6, 1];
    const alphas = weights.map(attentionAlpha);
    expect([...alphas].sort((a, b) => a - b)).toEqual(alphas);
    expect(weights.map(attentionTextColour)).toEqual([null, null, null, null, "#ffffff", "#ffffff"]);
  });

  it("reads one head's query row out of a [heads, t, t] pattern", () => {
    const heads = 2, t = 3;
    const pattern = Float32Array.from({ length: heads * t * t }, (_, i) => i);
    expect([...patternRow(pattern, heads, t, 1, 2)]).toEqual([15, 16, 17]);
    expect([...patternRow(pattern, heads, t, 0, 0)]).toEqual([0, 1, 2]);
    expect(() => patternRow(pattern, heads, 4, 0, 0)).toThrow(/not 2 heads x 4 x 4/);
    expect(() => patternRow(pattern, heads, t, 2, 0)).toThrow();
  });
});
