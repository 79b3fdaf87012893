// The download formats of a figure or table: file names, media types, and the JSON document (the rows
// with what they are and where they come from).
import type { FigureDef, Row, TableDef } from "./figureTypes.ts";

export interface DownloadFormat {
  /** File extension after the id: fig-x.svg, fig-x.vl.json. */
  ext: string;
  label: string;
  mediaType: string;
}

export const figureFormats: DownloadFormat[] = [
  { ext: "svg", label: "SVG", mediaType: "image/svg+xml" },
  { ext: "png", label: "PNG", mediaType: "image/png" },
  { ext: "csv", label: "CSV", mediaType: "text/csv; charset=utf-8" },
  { ext: "json", label: "JSON", mediaType: "application/json" },
  { ext: "vl.json", label: "vega-lite spec", mediaType: "application/json" },
];

export const tableFormats: DownloadFormat[] = figureFormats.filter((f) => f.ext === "csv" || f.ext === "json");

export function mediaType(ext: string): string {
  const format = figureFormats.find((f) => f.ext === ext);
  if (!format) throw new Error(`no download format .${ext}`);
  return format.mediaType;
}

/** The JSON download: the figure's or table's rows (and a figure's further data sets) with its caption. */
export function dataDocument(def: FigureDef | TableDef, citation: string): Record<string, unknown> {
  const extra: Record<string, Row[]> = "extra" in def ? def.extra : {};
  return { id: def.id, title: def.title, caption: def.caption, citation, source: def.source, columns: def.columns, rows: def.rows, ...(Object.keys(extra).length ? { extra } : {}) };
}
