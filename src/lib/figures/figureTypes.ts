// What a figure or table is, independent of Astro: pages, download endpoints and the paper's report
// generator all read these.
import type { TopLevelSpec } from "vega-lite";

/** One data row: what the chart plots and what the CSV and JSON downloads hold. */
export type Row = Record<string, string | number | null>;

/** Result figures (from data/results), then mechanism figures (from data/mechanisms, where a task has them). */
export type FigureKind = "main-metric" | "top1" | "logit-diff" | "breakdown" | MechanismFigureKind;
export type MechanismFigureKind = "head-ablation" | "attribution" | "logit-lens";

export interface FigureDef {
  /** Stable id: fig-<task>-<kind>; also the anchor on the capability page and the permalink's name. */
  id: string;
  kind: FigureKind;
  /** Task id. */
  task: string;
  title: string;
  /** What is plotted, over which items and scorers, the intervals, and the provenance. */
  caption: string;
  /** Column names in the order CSV writes them. */
  columns: string[];
  /** The plotted numbers, copied from the result file (never recomputed). */
  rows: Row[];
  /** Further named data sets the chart layers read (thresholds, means): in the spec and the JSON download. */
  extra: Record<string, Row[]>;
  /** The full vega-lite spec, theme merged and every data set inlined. */
  spec: TopLevelSpec;
  /** Result provenance shown with the figure and in its citation line. */
  source: FigureSource;
}

export interface FigureSource {
  task: string;
  taskVersion: number;
  codeVersion: string;
  scorerVersion: string;
  date: string;
  bootstrapResamples: number;
  /** Mechanism figures: the evidence computations' version (their code version and date are the mechanism file's). */
  mechanismVersion?: string;
}

export type TableKind = "verdicts" | "examples";

export interface TableDef {
  /** Stable id: tab-<task>-<kind>; the table's anchor on the capability page. */
  id: string;
  kind: TableKind;
  task: string;
  title: string;
  caption: string;
  columns: string[];
  rows: Row[];
  source: FigureSource;
}
