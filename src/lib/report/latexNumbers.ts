// How every number in the report is written, in tables and in numbers.tex alike. Real-valued statistics
// follow the site's rule (resultViews `fmt`: fixed decimals, 3 unless stated; 0 < |x| < 10^-decimals in
// scientific notation with 2 significant digits), so a number quoted in the paper reads as on the site.
// The minus sign and the power of ten are set in math mode, which works in text, tables and math alike.
import { fmt } from "../site/resultViews.ts";
import type { Interval } from "../scoring/aggregate.ts";

/** Decimals of every real-valued statistic but ranks. */
export const DECIMALS = 3;
/** Decimals of median ranks (as the site's verdict tables). */
export const RANK_DECIMALS = 1;

/** A real number as LaTeX, e.g. 0.119, \ensuremath{-}0.500, \ensuremath{1.1\times 10^{-5}}; null is a dash. */
export function latexReal(x: number | null, decimals = DECIMALS): string {
  if (x === null || !Number.isFinite(x)) return "--";
  const text = fmt(x, decimals);
  const sci = /^(-?[0-9.]+)e([+-])([0-9]+)$/.exec(text);
  if (sci) {
    const exponent = sci[2] === "-" ? `-${sci[3]}` : sci[3];
    return `\\ensuremath{${sci[1]}\\times 10^{${exponent}}}`;
  }
  return text.startsWith("-") ? `\\ensuremath{-}${text.slice(1)}` : text;
}

/** A count as plain digits (macros), so that \num{} or arithmetic can take it. */
export function latexCount(n: number): string {
  if (!Number.isInteger(n)) throw new Error(`not a count: ${n}`);
  return String(n);
}

/** A count with thin spaces between thousands, for tables: 8\,278\,400. */
export function latexGroupedCount(n: number): string {
  return latexCount(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\\,");
}

/** "0.119 [0.085, 0.157]" in LaTeX, the interval in a smaller size. */
export function latexInterval(i: Interval | null, decimals = DECIMALS): string {
  if (!i) return "--";
  return `${latexReal(i.value, decimals)} {\\scriptsize[${latexReal(i.low, decimals)}, ${latexReal(i.high, decimals)}]}`;
}

/** Back from LaTeX to the site's text form, e.g. "\ensuremath{1.1\times 10^{-5}}" -> "1.1e-5" (for tests and numbers.md). */
export function plainNumber(latex: string): string {
  const sci = /^\\ensuremath\{(-?[0-9.]+)\\times 10\^\{(-?[0-9]+)\}\}$/.exec(latex);
  if (sci) return `${sci[1]}e${sci[2].startsWith("-") ? sci[2] : `+${sci[2]}`}`;
  return latex.replace(/^\\ensuremath\{-\}/, "-");
}
