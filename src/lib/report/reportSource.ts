// The report's own date and code version, taken from the result files (never the clock): the latest
// results' date and the code version that wrote them. A report from files of several runs lists them all
// in its manifest.
import type { FigureSource } from "../figures/figureTypes.ts";
import type { ResultInput } from "./reportInputs.ts";

export interface ReportSource extends Pick<FigureSource, "codeVersion" | "date"> {
  /** Every distinct code version among the result files, sorted. */
  codeVersions: string[];
  /** Bootstrap resamples behind the intervals (the largest, should files differ). */
  bootstrapResamples: number;
}

export function reportSource(results: ResultInput[]): ReportSource {
  // Latest date first; ties keep task order, so the choice is the same every run.
  const latest = [...results].sort((a, b) => (a.result.provenance.date < b.result.provenance.date ? 1 : a.result.provenance.date > b.result.provenance.date ? -1 : 0))[0];
  return {
    codeVersion: latest.result.provenance.codeVersion,
    date: latest.result.provenance.date,
    codeVersions: [...new Set(results.map((r) => r.result.provenance.codeVersion))].sort(),
    bootstrapResamples: Math.max(...results.map((r) => r.result.provenance.bootstrapResamples)),
  };
}
