// RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted and their quotes doubled; null is empty.
import type { Row } from "./figureTypes.ts";

export function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = typeof value === "number" ? numberText(value) : value;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header line then one line per row, CRLF-terminated as the RFC says. */
export function toCsv(columns: string[], rows: Row[]): string {
  const lines = [columns.map(csvField).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c] ?? null)).join(","));
  return lines.map((l) => `${l}\r\n`).join("");
}

/** Numbers as JavaScript writes them (shortest round-trip), so the CSV holds the result file's values. */
function numberText(x: number): string {
  return Number.isFinite(x) ? String(x) : "";
}
