// The explorer's colour scales, shared by the pages' static legends (build time) and the token colouring
// (browser): the probability of the actual token, and the difference of two scorers' log-probabilities.
// Light tints of a blue/orange diverging palette, so dark text stays readable and no red/green pair is needed.

/** A colour stop: position on the scale, and its RGB. */
export interface ColourStop {
  at: number;
  rgb: readonly [number, number, number];
}

/** p of the actual token, linear in p: orange (surprised) → pale yellow (p = 0.5) → blue (confident). */
export const P_STOPS: readonly ColourStop[] = [
  { at: 0, rgb: [244, 165, 130] },
  { at: 0.5, rgb: [255, 247, 200] },
  { at: 1, rgb: [146, 197, 222] },
];

/** Differences of log-probabilities (nats) beyond ± this share the end colours (e^4 ≈ 55 times as likely). */
export const DIFF_CLAMP = 4;

/** log p(A) − log p(B): orange where B is more confident, white when equal, blue where A is. */
export const DIFF_STOPS: readonly ColourStop[] = [
  { at: -DIFF_CLAMP, rgb: [244, 165, 130] },
  { at: 0, rgb: [255, 255, 255] },
  { at: DIFF_CLAMP, rgb: [146, 197, 222] },
];

/** Colour for values the scale cannot place (NaN). */
export const NO_VALUE_COLOUR = "rgb(221, 221, 221)";

/** The colour of `value` on a piecewise-linear scale (clamped to its ends). */
export function scaleColour(stops: readonly ColourStop[], value: number): string {
  if (Number.isNaN(value)) return NO_VALUE_COLOUR;
  if (value <= stops[0].at) return rgb(stops[0].rgb);
  for (let i = 1; i < stops.length; i++) {
    const hi = stops[i];
    if (value <= hi.at) {
      const lo = stops[i - 1];
      const f = (value - lo.at) / (hi.at - lo.at);
      return rgb([0, 1, 2].map((c) => lo.rgb[c] + (hi.rgb[c] - lo.rgb[c]) * f) as [number, number, number]);
    }
  }
  return rgb(stops[stops.length - 1].rgb);
}

/** Background for a token from the log-probability of the actual token under one scorer. */
export function logprobColour(logprob: number): string {
  return scaleColour(P_STOPS, Math.exp(logprob));
}

/** Background for a token from log p(A) − log p(B). */
export function diffColour(diff: number): string {
  return scaleColour(DIFF_STOPS, diff);
}

/** A CSS gradient drawing the scale left to right, for a legend. */
export function legendGradient(stops: readonly ColourStop[]): string {
  const lo = stops[0].at;
  const span = stops[stops.length - 1].at - lo;
  return `linear-gradient(to right, ${stops.map((s) => `${rgb(s.rgb)} ${(((s.at - lo) / span) * 100).toFixed(1)}%`).join(", ")})`;
}

function rgb(c: readonly number[]): string {
  return `rgb(${c.map((x) => Math.round(x)).join(", ")})`;
}
