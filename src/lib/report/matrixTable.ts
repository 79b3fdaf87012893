// tables/capability-matrix.tex: the home page's matrix for the paper: one row per capability (page order,
// its first task), one column per model (smallest first) then baseline, each cell the main metric with a
// check mark where the verdict is yes.
import { shortCodeVersion } from "../figures/citation.ts";
import type { ResultFile, ScorerInfo } from "../results/resultSchema.ts";
import { capabilityMatrix } from "../site/matrix.ts";
import { isStandIn, metricLabels } from "../site/resultViews.ts";
import { escapeLatex, texttt } from "./latexEscape.ts";
import { latexReal } from "./latexNumbers.ts";
import { renderTable } from "./latexTable.ts";
import type { CapabilityInput } from "./capabilityFrontmatter.ts";
import type { ReportSource } from "./reportSource.ts";

export const MATRIX_FILE = "tables/capability-matrix.tex";

/** Rows of the matrix: each capability with the result file of its first task. */
export function matrixRows(capabilities: CapabilityInput[], results: Map<string, ResultFile>) {
  return capabilities.map(({ capability }) => ({ slug: capability.slug, title: capability.title, result: results.get(capability.tasks[0])! }));
}

function distinct<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function caption(rows: ReturnType<typeof matrixRows>, scorers: ScorerInfo[], source: ReportSource): string {
  const metrics = distinct(rows.map((r) => r.result.task.mainMetric));
  const rules = distinct(rows.map((r) => r.result.task.verdictText));
  const metric = metrics.length === 1 ? `the main metric (${metricLabels[metrics[0]]})` : "the main metric (named in each row)";
  const rule = rules.length === 1 ? `the rule ${rules[0]}` : "its task's rule (stated in the task's verdict table)";
  const e = escapeLatex;
  const standIns = scorers.some(isStandIn)
    ? ` Models marked $^\\dagger$ ${e("are replicas or test fixtures, not the published TinyStories weights.")}`
    : "";
  return (
    e(`Capability matrix: ${metric} of each capability's task over all its items, per model (smallest first) and baseline; `) +
    `\\protect\\atlasYes${e(`: has the capability under ${rule}.`)}${standIns} ` +
    e(
      `Values and verdicts come from the TinyStories Capability Atlas (code ${shortCodeVersion(source.codeVersion)}, results of ${source.date}), ` +
        `which gives every value with its 95% bootstrap interval (also in numbers.tex and the verdict tables).`,
    )
  );
}

export function matrixTable(capabilities: CapabilityInput[], results: Map<string, ResultFile>, source: ReportSource): string {
  const rows = matrixRows(capabilities, results);
  const { scorers, rows: matrix } = capabilityMatrix(rows);
  const models = scorers.filter((s) => s.type === "model");
  const baselines = scorers.filter((s) => s.type === "baseline");
  const mixedMetrics = distinct(matrix.map((r) => r.metric)).length > 1;
  const headerCell = (s: ScorerInfo) => `\\rotatebox{90}{${texttt(s.id)}${isStandIn(s) ? "$^\\dagger$" : ""}}`;
  const groups: string[] = ["Capability"];
  const rules: string[] = [];
  let column = 2;
  for (const [label, members] of [["Models, smallest first", models], ["Baselines", baselines]] as const) {
    if (!members.length) continue;
    groups.push(`\\multicolumn{${members.length}}{c}{${label}}`);
    rules.push(`\\cmidrule(lr){${column}-${column + members.length - 1}}`);
    column += members.length;
  }
  return renderTable({
    file: MATRIX_FILE,
    label: "tab-capability-matrix",
    caption: caption(rows, scorers, source),
    columns: `l${"r".repeat(models.length)}${"r".repeat(baselines.length)}`,
    setup: ["\\setlength{\\tabcolsep}{4pt}"],
    header: [groups, rules.join(" "), ["", ...scorers.map(headerCell)]],
    rows: matrix.map((r) => [
      escapeLatex(mixedMetrics ? `${r.title} (${metricLabels[r.metric]})` : r.title),
      ...scorers.map((s) => {
        const c = r.cells[s.id];
        if (!c) return "--";
        return c.hasCapability ? `${latexReal(c.value)}\\,\\atlasYes` : latexReal(c.value);
      }),
    ]),
  });
}
