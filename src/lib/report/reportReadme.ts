// report/README.md: what each file of the report is and how a paper uses it.
import type { FigureDef } from "../figures/figureTypes.ts";
import { shortCodeVersion } from "../figures/citation.ts";
import { FIGURE_INDEX_FILE } from "./reportFigures.ts";
import { MANIFEST_FILE } from "./reportManifest.ts";
import { MATRIX_FILE } from "./matrixTable.ts";
import { MODELS_FILE } from "./modelsTable.ts";
import { formatRules, namingRules } from "./numbersDoc.ts";
import type { ReportSource } from "./reportSource.ts";

const md = (rule: string) => `- ${rule}`;

export function reportReadme(source: ReportSource, verdictFiles: string[], figures: FigureDef[], standIns: string[]): string {
  const warning = standIns.length
    ? [
        "",
        `**Not the published models.** ${standIns.join(", ")} ${standIns.length === 1 ? "is a replica or test fixture" : "are replicas or test fixtures"},`,
        "not published TinyStories weights; the tables mark them with a dagger. Do not quote their numbers as the published models'.",
      ]
    : [];
  return [
    "# The atlas's report for the paper",
    "",
    `Written by \`npm run report\` (\`atlas report\`) from the result files of ${source.date} (code ${shortCodeVersion(source.codeVersion)});`,
    "do not edit: run it again. The same inputs give the same bytes; `manifest.json` says which inputs these were.",
    ...warning,
    "",
    "## Files",
    "",
    "| file | what it is | use |",
    "| --- | --- | --- |",
    "| `numbers.tex` | a `\\newcommand` for every number the paper may quote (below) | `\\input{report/numbers.tex}` in the preamble, then `\\atlasInductionTopOne...` in the text |",
    "| `numbers.md` | every macro of `numbers.tex` with its value and meaning | read it to find a macro |",
    `| \`${MATRIX_FILE}\` | capability x model matrix: main metric per capability (rows, page order) and model (smallest first) then baseline; a check mark where the verdict is yes | \`\\input{report/${MATRIX_FILE}}\` where the table goes (a table float, label \`tab-capability-matrix\`) |`,
    `| \`${MODELS_FILE}\` | models and baselines: kind, layers x width, heads, parameters, source, hash prefix | \`\\input{report/${MODELS_FILE}}\` (label \`tab-models\`) |`,
    `| \`tables/<task>-verdicts.tex\` | per task: items scored, main metric, top-1 rate, mean logit difference with 95% intervals, verdict, per scorer (${verdictFiles.length} files) | \`\\input{report/tables/induction-verdicts.tex}\` (label \`tab-<task>-verdicts\`, the site's table id) |`,
    `| \`figures/<id>.svg\`, \`figures/<id>.png\` | every figure of the site (${figures.length}), same ids as the site (\`fig-<task>-<kind>\`; head-ablation, attribution and logit-lens figures for tasks with mechanism evidence), PNG at 144 dpi | \`\\includegraphics{report/figures/<id>.png}\` |`,
    `| \`${FIGURE_INDEX_FILE}\` | per figure a macro placing it as a float with its caption, labelled with its id | \`\\input{report/${FIGURE_INDEX_FILE}}\`, then \`\\atlasFigureInductionMainMetric\` |`,
    "| `atlas.bib` | BibTeX for the site (`tinystories-atlas-<year>`) and the TinyStories paper (`eldan2023tinystories`) | `\\bibliography{report/atlas}` |",
    `| \`${MANIFEST_FILE}\` | provenance: every input file with its sha256 (result files with task version, content hash, code version and date; per-token manifest with its text's source and hash; capability pages; mechanism files with their code version, date and models), every model's and baseline's identity (source, commit, weights sha256 or fingerprint), and the sha256 of every other file here | check what a number came from |`,
    "",
    "Tables need `\\usepackage{booktabs,amssymb,graphicx}`; they define `\\atlasYes` (the check mark) with `\\providecommand`, so",
    "a paper can redefine it first. The figure macros use `\\atlasReportDir` (default `report/`) as the folder of the report.",
    "",
    "## Names of the macros in numbers.tex",
    "",
    ...namingRules.map(md),
    "",
    "## How numbers are written",
    "",
    ...formatRules.map(md),
    "",
  ].join("\n");
}
