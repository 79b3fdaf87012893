// One booktabs table environment, the shape every table of the report shares: a header comment naming
// the packages it needs, caption and label above, rules from booktabs. Cells arrive as LaTeX.

export interface LatexTable {
  /** The file name, for the header comment (e.g. tables/models.tex). */
  file: string;
  /** \label, the same id the site uses where the site has the table (tab-<task>-verdicts). */
  label: string;
  /** Caption, already LaTeX. */
  caption: string;
  /** Column spec, e.g. "lrr". */
  columns: string;
  /** Header rows (each a row of cells), and rules after them (e.g. \cmidrule lines) as extra lines. */
  header: Array<string[] | string>;
  /** Body rows; a string is a line of its own (e.g. \midrule). */
  rows: Array<string[] | string>;
  /** A line before the tabular (e.g. \setlength{\tabcolsep}{3pt}). */
  setup?: string[];
  /** Font size command, default \small. */
  size?: string;
}

/** Commands the tables use, defined only where the paper has not defined them already. */
export const tablePreamble = [
  "\\providecommand{\\atlasYes}{\\ensuremath{\\checkmark}}",
];

function line(row: string[] | string): string {
  return typeof row === "string" ? row : `${row.join(" & ")} \\\\`;
}

export function renderTable(t: LatexTable): string {
  return [
    `% ${t.file}: written by \`npm run report\`; do not edit. Use: \\input{report/${t.file}}`,
    "% Needs \\usepackage{booktabs} (rules), \\usepackage{amssymb} (\\checkmark), \\usepackage{graphicx} (rotated headers, shrink to fit).",
    ...tablePreamble,
    "\\begin{table}[tbp]",
    "\\centering",
    t.size ?? "\\small",
    ...(t.setup ?? []),
    `\\caption{${t.caption}}`,
    `\\label{${t.label}}`,
    // Shrinks the table to the text width only where it is wider (graphicx: \\width is its natural width).
    "\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%",
    `\\begin{tabular}{${t.columns}}`,
    "\\toprule",
    ...t.header.map(line),
    "\\midrule",
    ...t.rows.map(line),
    "\\bottomrule",
    "\\end{tabular}}",
    "\\end{table}",
  ].join("\n") + "\n";
}
