// tables/<task>-verdicts.tex: a task's verdict table as on its capability page (the site's tab-<task>-verdicts):
// per model and baseline the items scored, the main metric, top-1 rate and mean logit difference with
// 95% intervals, and the verdict.
import { tableId } from "../figures/ids.ts";
import { verdictTable } from "../figures/tables.ts";
import type { ResultFile } from "../results/resultSchema.ts";
import { hasWrongAnswers, isStandIn, metricInterval, metricLabels, orderedScorers } from "../site/resultViews.ts";
import { escapeLatex, texttt } from "./latexEscape.ts";
import { latexCount, latexInterval } from "./latexNumbers.ts";
import { renderTable } from "./latexTable.ts";

export function verdictTableFile(task: string): string {
  return `tables/${task}-verdicts.tex`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function verdictTableTex(result: ResultFile): string {
  const metric = result.task.mainMetric;
  // The main metric gets its own column unless it is one of the two the verdict rule is stated on.
  const mainColumn = metric !== "top1" && metric !== "logit_diff";
  // Without wrong answers there is no logit difference (and the rule is on the top-1 rate alone).
  const diffColumn = hasWrongAnswers(result);
  const site = verdictTable(result);
  const header = ["Scorer", "Items", ...(mainColumn ? [capitalize(metricLabels[metric])] : []), "Top-1 rate", ...(diffColumn ? ["Mean logit diff."] : []), "Verdict"].map(escapeLatex);
  const scorers = orderedScorers(result.scorers);
  const rows = scorers.map((s) => {
    const a = result.aggregates[s.id];
    const stand = isStandIn(s) ? "$^\\dagger$" : "";
    return [
      `${texttt(s.id)}${stand}`,
      latexCount(a.n),
      ...(mainColumn ? [latexInterval(metricInterval(a, metric))] : []),
      latexInterval(a.top1_rate),
      ...(diffColumn ? [latexInterval(a.mean_logit_diff)] : []),
      a.has_capability ? "\\atlasYes" : "no",
    ];
  });
  const dagger = scorers.some(isStandIn) ? " $^\\dagger$ replica or test fixture, not published TinyStories weights." : "";
  return renderTable({
    file: verdictTableFile(result.task.id),
    label: tableId(result.task.id, "verdicts"),
    caption: `${escapeLatex(`${site.title}. ${site.caption}`)} Values are followed by their 95\\% interval in brackets.${dagger}`,
    columns: `lr${mainColumn ? "r" : ""}r${diffColumn ? "r" : ""}c`,
    size: "\\footnotesize",
    header: [header],
    rows,
  });
}
