// The explorer's colour scales: ends, midpoints, clamping, and the legend's gradient at the same stops.
import { describe, expect, it } from "vitest";
import { DIFF_CLAMP, DIFF_STOPS, NO_VALUE_COLOUR, P_STOPS, diffColour, legendGradient, logprobColour, scaleColour } from "../../src/scripts/tokenColours.ts";

const rgb = (c: readonly number[]) => `rgb(${c.join(", ")})`;

describe("scaleColour", () => {
  it("hits every stop exactly and interpolates linearly between them", () => {
    for (const stop of P_STOPS) expect(scaleColour(P_STOPS, stop.at)).toBe(rgb(stop.rgb));
    const [lo, mid] = P_STOPS;
    const quarter = [0, 1, 2].map((c) => Math.round((lo.rgb[c] + mid.rgb[c]) / 2));
    expect(scaleColour(P_STOPS, 0.25)).toBe(rgb(quarter));
  });

  it("clamps beyond its ends and greys out NaN", () => {
    expect(scaleColour(P_STOPS, -1)).toBe(rgb(P_STOPS[0].rgb));
    expect(scaleColour(P_STOPS, 2)).toBe(rgb(P_STOPS[2].rgb));
    expect(scaleColour(P_STOPS, Number.NaN)).toBe(NO_VALUE_COLOUR);
  });
});

describe("token colours", () => {
  it("colours a log-probability by p = exp(logprob)", () => {
    expect(logprobColour(0)).toBe(rgb(P_STOPS[2].rgb));
    expect(logprobColour(Math.log(0.5))).toBe(rgb(P_STOPS[1].rgb));
    expect(logprobColour(-Infinity)).toBe(rgb(P_STOPS[0].rgb));
  });

  it("colours differences white at 0 and saturates at ±DIFF_CLAMP nats", () => {
    expect(diffColour(0)).toBe("rgb(255, 255, 255)");
    expect(diffColour(DIFF_CLAMP * 3)).toBe(diffColour(DIFF_CLAMP));
    expect(diffColour(-DIFF_CLAMP * 3)).toBe(diffColour(-DIFF_CLAMP));
    expect(diffColour(1)).not.toBe(diffColour(-1));
  });
});

describe("legendGradient", () => {
  it("places each stop at its share of the scale", () => {
    expect(legendGradient(DIFF_STOPS)).toBe(`linear-gradient(to right, ${rgb(DIFF_STOPS[0].rgb)} 0.0%, rgb(255, 255, 255) 50.0%, ${rgb(DIFF_STOPS[2].rgb)} 100.0%)`);
  });
});
