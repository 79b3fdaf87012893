// Text widths for vega in Node. Without a canvas vega guesses 0.8 em per character, which truncates axis
// labels and leaves wide margins. The theme's fonts (Liberation Sans, Arial, Helvetica) share Helvetica's
// advance widths, so this table measures what the PNG (librsvg) and most browsers draw. Deterministic.

/** Helvetica advance widths (1/1000 em) for ASCII 32..126 (Adobe's AFM). */
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
  278, 278, 584, 584, 584, 556, 1015, // : ; < = > ? @
  667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // A-Z
  278, 278, 278, 469, 556, 333, // [ \ ] ^ _ `
  556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // a-z
  334, 260, 334, 584, // { | } ~
];
/** Other characters (dashes, arrows, ellipsis): a digit's width. */
const DEFAULT_WIDTH = 556;
/** Bold Helvetica runs about 7% wider. */
const BOLD_FACTOR = 1.07;

export function helveticaWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code <= 126 ? ASCII_WIDTHS[code - 32] : DEFAULT_WIDTH;
  }
  return (units / 1000) * fontSize * (bold ? BOLD_FACTOR : 1);
}

interface TextItem {
  fontSize?: number | string | null;
  fontWeight?: number | string | null;
}

/** vega's textMetrics.width signature: (item, text) -> pixels. Must not truncate (vega's truncation calls it). */
export function vegaTextWidth(item: TextItem, text: unknown): number {
  const size = item.fontSize != null ? +item.fontSize || 0 : 11;
  const value = text == null ? "" : String(text).trim();
  const weight = item.fontWeight;
  const bold = weight === "bold" || weight === "bolder" || (typeof weight === "number" && weight >= 600) || (typeof weight === "string" && +weight >= 600);
  return size <= 0 ? 0 : helveticaWidth(value, size, bold);
}
