// tables/models.tex: who produced the numbers. Models (smallest first) with kind, shape, parameters,
// source and a prefix of the weights' sha256; then the baselines with their training text and fingerprint.
// Full hashes are in manifest.json.
import type { ScorerInfo } from "../results/resultSchema.ts";
import { escapeLatex, texttt } from "./latexEscape.ts";
import { latexGroupedCount } from "./latexNumbers.ts";
import { renderTable } from "./latexTable.ts";
import { sourceLine, standInModels } from "./reportScorers.ts";

export const MODELS_FILE = "tables/models.tex";

/** Hex digits of a hash shown in tables. */
export const SHORT_HASH = 12;

/** Width of the source column: paths break after their slashes instead of widening the table. */
const SOURCE_WIDTH = "5.4cm";

function sourceCell(s: ScorerInfo): string {
  return `\\raggedright${texttt(sourceLine(s)).replace(/\//g, "/\\allowbreak{}")}`;
}

function row(s: ScorerInfo): string[] {
  if (s.type === "model") {
    return [
      texttt(s.id), escapeLatex(s.kind), `${s.layers}\\,\\ensuremath{\\times}\\,${s.width}`, String(s.heads),
      latexGroupedCount(s.parameters), sourceCell(s), texttt(s.weightsSha256.slice(0, SHORT_HASH)),
    ];
  }
  return [texttt(s.id), "baseline", "--", "--", "--", sourceCell(s), texttt(s.fingerprint.slice(0, SHORT_HASH))];
}

export function modelsTable(scorers: ScorerInfo[]): string {
  const models = scorers.filter((s) => s.type === "model");
  const baselines = scorers.filter((s) => s.type === "baseline");
  const standIns = standInModels(scorers);
  const note = standIns.length
    ? ` ${standIns.length === 1 ? "One model is" : `${standIns.length} models are`} not published TinyStories weights (kind replica, fixture or local): ${standIns.join(", ")}.`
    : "";
  const caption = escapeLatex(
    `Models and baselines behind the atlas's numbers, models smallest first. Layers x width: transformer blocks and residual stream width; ` +
      `parameters count the tied embedding once. Source: the hub repository@revision or the checkpoint folder (models), the training text (baselines). ` +
      `Hash: the first ${SHORT_HASH} hex digits of the weights file's sha256 (models) or of the fingerprint of training text, parameters and version (baselines); ` +
      `full hashes are in the report's manifest.json.${note}`,
  );
  return renderTable({
    file: MODELS_FILE,
    label: "tab-models",
    caption,
    columns: `llrrrp{${SOURCE_WIDTH}}l`,
    size: "\\footnotesize",
    header: [["Id", "Kind", "Layers\\,\\ensuremath{\\times}\\,width", "Heads", "Parameters", "Source", "Hash"]],
    rows: [...models.map(row), ...(models.length && baselines.length ? ["\\midrule"] : []), ...baselines.map(row)],
  });
}
