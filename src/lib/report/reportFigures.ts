// figures/<id>.svg and figures/<id>.png for every figure the site has (same registry, same ids, same
// renderers, so the paper's figure is the site's figure byte for byte), and figures/index.tex: per figure
// a macro that places it with its caption and the site's id as label.
import type { FigureDef } from "../figures/figureTypes.ts";
import type { MechanismFile } from "../mechanisms/mechanismSchema.ts";
import { figuresForResults } from "../figures/registry.ts";
import { renderPng } from "../figures/renderPng.ts";
import { renderSvg } from "../figures/vegaNode.ts";
import type { ResultFile } from "../results/resultSchema.ts";
import { escapeLatex } from "./latexEscape.ts";
import { idToLetters, type MacroNames } from "./macroNames.ts";

export const FIGURE_INDEX_FILE = "figures/index.tex";

/** The site's figures, in the order of its figure list (by task id, then the page's order); mechanism files by task id. */
export function reportFigureDefs(results: ResultFile[], mechanisms: ReadonlyMap<string, MechanismFile> = new Map()): FigureDef[] {
  return figuresForResults([...results].sort((a, b) => (a.task.id < b.task.id ? -1 : a.task.id > b.task.id ? 1 : 0)), mechanisms);
}

/** figures/<id>.svg and .png, one figure after the other (vega's SVG ids restart per render). */
export async function figureFiles(figures: FigureDef[]): Promise<Map<string, string | Buffer>> {
  const files = new Map<string, string | Buffer>();
  for (const f of figures) {
    const svg = await renderSvg(f.spec);
    files.set(`figures/${f.id}.svg`, svg);
    files.set(`figures/${f.id}.png`, await renderPng(svg));
  }
  return files;
}

/** \atlasFigure<Task><Kind>, e.g. \atlasFigureInductionMainMetric for fig-induction-main-metric. */
export function figureMacroName(id: string): string {
  return `atlasFigure${idToLetters(id.replace(/^fig-/, ""))}`;
}

export function figureIndexTex(figures: FigureDef[], names: MacroNames): string {
  const lines = [
    `% ${FIGURE_INDEX_FILE}: written by \`npm run report\`; do not edit. Use: \\input{report/${FIGURE_INDEX_FILE}}, then`,
    "% \\atlasFigure<Task><Kind> where a figure goes (a figure float with the image, caption and label). Needs graphicx.",
    "% The label is the site's figure id (\\ref{fig-induction-main-metric}). Images are the PNGs; the SVGs beside them",
    "% are the same figures for the svg package or for conversion to PDF. Set \\atlasReportDir first if the report",
    "% folder is not report/ next to the main .tex file.",
    "\\providecommand{\\atlasReportDir}{report/}",
  ];
  for (const f of figures) {
    const name = names.claim(figureMacroName(f.id), `figure ${f.id}`);
    lines.push(
      "",
      `% ${f.id}: ${f.title.replace(/\s+/g, " ")}`,
      `\\newcommand{\\${name}}{%`,
      "\\begin{figure}[tbp]",
      "\\centering",
      `\\includegraphics[width=\\linewidth,height=0.7\\textheight,keepaspectratio]{\\atlasReportDir figures/${f.id}.png}`,
      `\\caption{${escapeLatex(`${f.title}. ${f.caption}`)}}`,
      `\\label{${f.id}}`,
      "\\end{figure}}",
    );
  }
  return lines.join("\n") + "\n";
}
