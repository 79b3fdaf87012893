// LaTeX macro names are letters only, so ids become CamelCase words: every run of letters keeps its case
// with the first letter capitalised, every run of digits is spelled out as a number (64 -> SixtyFour),
// and anything else (hyphens, underscores, dots, slashes) separates words and is dropped.
//   tinystories-8L-64-replica -> TinystoriesEightLSixtyFourReplica
// The mapping is deterministic but not one-to-one ("a-b" and "aB" meet), so MacroNames refuses a name
// claimed twice.
import { AtlasError } from "../errors.ts";

const small = [
  "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
  "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
];
const tens = ["", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"];
const scales: Array<[number, string]> = [
  [1e9, "Billion"],
  [1e6, "Million"],
  [1e3, "Thousand"],
];

function below1000(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const head = hundreds ? `${small[hundreds]}Hundred` : "";
  if (!rest) return head;
  return head + (rest < 20 ? small[rest] : tens[Math.floor(rest / 10)] + (rest % 10 ? small[rest % 10] : ""));
}

/**
 * A run of digits in words: "64" -> "SixtyFour", "256" -> "TwoHundredFiftySix", "0" -> "Zero". A run with a
 * leading zero or longer than 12 digits is spelled digit by digit ("007" -> "ZeroZeroSeven"), so that
 * "07" and "7" stay apart.
 */
export function spellDigits(digits: string): string {
  if (!/^[0-9]+$/.test(digits)) throw new Error(`not digits: ${digits}`);
  if ((digits.length > 1 && digits.startsWith("0")) || digits.length > 12) return [...digits].map((d) => small[Number(d)]).join("");
  let n = Number(digits);
  if (n === 0) return "Zero";
  let out = "";
  for (const [size, word] of scales) {
    if (n >= size) {
      out += below1000(Math.floor(n / size)) + word;
      n %= size;
    }
  }
  return out + below1000(n);
}

/** An id as CamelCase letters (see the file comment); throws if nothing is left. */
export function idToLetters(id: string): string {
  const words = id.match(/[A-Za-z]+|[0-9]+/g) ?? [];
  const out = words.map((w) => (/^[0-9]/.test(w) ? spellDigits(w) : w.charAt(0).toUpperCase() + w.slice(1))).join("");
  if (!out) throw new AtlasError(`id "${id}" has no letters or digits to name a LaTeX macro after`);
  return out;
}

/** A valid LaTeX macro name (without the backslash). */
export const macroNamePattern = /^[A-Za-z]+$/;

/** Names handed out so far, each with what it stands for: a second claim fails loudly. */
export class MacroNames {
  private readonly meanings = new Map<string, string>();

  /** Claims `name` for `what` (what the macro means, for the message). */
  claim(name: string, what: string): string {
    if (!macroNamePattern.test(name)) throw new AtlasError(`"${name}" is not a valid LaTeX macro name (letters only), for ${what}`);
    const before = this.meanings.get(name);
    if (before !== undefined) {
      throw new AtlasError(`macro \\${name} would be defined twice, for ${before} and for ${what}: rename one of the ids`);
    }
    this.meanings.set(name, what);
    return name;
  }
}
