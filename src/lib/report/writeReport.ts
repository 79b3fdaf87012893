// `npm run report`: the paper's tables, numbers, figures, BibTeX and provenance manifest, from the result
// files, per-token data, capability pages and (for the mechanism figures) mechanism files alone. All inputs are read and checked and every file is made
// in memory first; then the folder is built beside report/ and renamed over it, so a failed run leaves the
// previous report whole.
import fs from "node:fs";
import path from "node:path";
import { resolveSiteUrl } from "../figures/citation.ts";
import { buildDirAtomic } from "../io/atomicWrite.ts";
import { sha256 } from "../io/hashCache.ts";
import { atlasBib } from "./bibliography.ts";
import { MATRIX_FILE, matrixTable } from "./matrixTable.ts";
import { MacroNames } from "./macroNames.ts";
import { MODELS_FILE, modelsTable } from "./modelsTable.ts";
import { numberGroups } from "./numberMacros.ts";
import { numbersMarkdown, numbersTex } from "./numbersFiles.ts";
import { FIGURE_INDEX_FILE, figureFiles, figureIndexTex, reportFigureDefs } from "./reportFigures.ts";
import { type ReportInputPaths, readReportInputs } from "./reportInputs.ts";
import { MANIFEST_FILE, reportManifest, stableJson } from "./reportManifest.ts";
import { reportReadme } from "./reportReadme.ts";
import { reportScorers, standInModels } from "./reportScorers.ts";
import { reportSource } from "./reportSource.ts";
import { verdictTableFile, verdictTableTex } from "./verdictTables.ts";

export interface WriteReportOptions extends Omit<ReportInputPaths, "root"> {
  /** The report folder (report/), replaced whole. */
  outDir: string;
  /** Input paths in the manifest are relative to this; default the working directory. */
  root?: string;
  /** The site's public URL for the BibTeX entry; default the local preview (as the site without ATLAS_SITE_URL). */
  siteUrl?: string;
}

export interface ReportSummary {
  /** Files written, relative to outDir, sorted. */
  files: string[];
  date: string;
  macros: number;
  figures: number;
}

export async function writeReport(options: WriteReportOptions): Promise<ReportSummary> {
  const root = options.root ?? process.cwd();
  const siteUrl = options.siteUrl ?? resolveSiteUrl({});
  const inputs = readReportInputs({ ...options, root });
  const scorers = reportScorers(inputs);
  const source = reportSource(inputs.results);
  const results = inputs.results.map((r) => r.result);
  const byTask = new Map(results.map((r) => [r.task.id, r]));
  const names = new MacroNames();
  for (const fixed of ["atlasYes", "atlasReportDir"]) names.claim(fixed, `the report's command ${fixed}`);

  const groups = numberGroups(inputs, scorers, source, names);
  const figures = reportFigureDefs(results, new Map(inputs.mechanisms.map((m) => [m.mechanisms.task.id, m.mechanisms])));
  const files = new Map<string, string | Buffer>([
    ["numbers.tex", numbersTex(groups, source)],
    ["numbers.md", numbersMarkdown(groups, source)],
    [MATRIX_FILE, matrixTable(inputs.capabilities, byTask, source)],
    [MODELS_FILE, modelsTable(scorers)],
    ...results.map((r) => [verdictTableFile(r.task.id), verdictTableTex(r)] as [string, string]),
    [FIGURE_INDEX_FILE, figureIndexTex(figures, names)],
    ["atlas.bib", atlasBib(siteUrl, source)],
    ["README.md", reportReadme(source, results.map((r) => verdictTableFile(r.task.id)), figures, standInModels(scorers))],
  ]);
  for (const [file, data] of await figureFiles(figures)) files.set(file, data);
  const hashes = new Map([...files].map(([file, data]) => [file, sha256(data)]));
  files.set(MANIFEST_FILE, stableJson(reportManifest(inputs, scorers, source, siteUrl, hashes)));

  const written = [...files.keys()].sort();
  await buildDirAtomic(options.outDir, async (tmp) => {
    for (const file of written) {
      const target = path.join(tmp, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, files.get(file)!);
    }
  });
  return { files: written, date: source.date, macros: groups.reduce((n, g) => n + g.macros.length, 0), figures: figures.length };
}
