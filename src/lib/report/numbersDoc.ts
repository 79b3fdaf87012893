// The rules behind numbers.tex in words: written at the top of numbers.tex, numbers.md and the report's
// README, so the three never disagree. Code is in backticks (Markdown code spans; plain in TeX comments).
import { DECIMALS, RANK_DECIMALS } from "./latexNumbers.ts";
import { taskStatistics } from "./numberMacros.ts";

export const namingRules: string[] = [
  "Every macro starts with `\\atlas`; the rest is letters only (LaTeX macro names cannot hold digits or hyphens).",
  "Ids become CamelCase words: each run of letters keeps its case with its first letter capitalised, each run of digits is spelled out as a number (`64` -> `SixtyFour`, `256` -> `TwoHundredFiftySix`; with a leading zero, digit by digit), and hyphens, underscores, dots and slashes are dropped: `tinystories-8L-64-replica` -> `TinystoriesEightLSixtyFourReplica`.",
  `Per task and scorer: \`\\atlas<Task><Statistic><Scorer>\`, Statistic one of ${taskStatistics.map((s) => `\`${s.word}\``).join(", ")} (\`Main\` is the task's main metric), plus \`Scored\`, \`Skipped\` (item counts) and \`Verdict\` (yes/no). E.g. \`\\atlasInductionTopOneTinystoriesEightLSixtyFourReplica\`.`,
  "A statistic's 95% interval: the same name with `Low` or `High` appended, e.g. `\\atlasInductionTopOneTinystoriesEightLSixtyFourReplicaLow`.",
  "Per task: `\\atlas<Task>Items`, `\\atlas<Task>Version`, `\\atlas<Task>ModelsWith` (models with the capability). Per scorer: `\\atlasLoss<Scorer>` (mean per-token loss, with `Low`/`High`), `\\atlasParameters<Scorer>`, `\\atlasParametersMillions<Scorer>`, `\\atlasLayers<Scorer>`, `\\atlasWidth<Scorer>`, `\\atlasTrainingStories<Baseline>`, `\\atlasTrainingTokens<Baseline>`. Overall: `\\atlasDate`, `\\atlasCodeVersion`, `\\atlasTaskCount`, `\\atlasItemCount`, `\\atlasTokenStories`, `\\atlasTokenCount`, `\\atlasPcaExplainedOne`, ...",
  "A statistic that does not exist (e.g. the logit difference of a task without wrong answers) has no macro, so quoting it fails at compile time.",
  "Names are checked for uniqueness when the report is written; two ids that map to the same letters stop the report with an error.",
];

export const formatRules: string[] = [
  `Real-valued statistics (probabilities, rates, logit differences, losses, shares): ${DECIMALS} decimals; median ranks: ${RANK_DECIMALS} decimal. Values with 0 < |x| < 0.001 (ranks: 0.1) are in scientific notation with 2 significant digits (\`\\ensuremath{1.2\\times 10^{-5}}\`). (The site's number format, resultViews \`fmt\`, with these decimals.)`,
  "Intervals (macros ending in `Low` and `High`) are 95% percentile-bootstrap intervals: over items for task statistics, over stories for losses.",
  "Minus signs and powers of ten are in `\\ensuremath`, so every macro works in text, tables and math.",
  "Counts (items, stories, tokens, parameters): plain digits without separators (wrap in siunitx's `\\num{}` to group them). `\\atlasParametersMillions<Model>`: 1 decimal.",
  "Probabilities and rates are shares in [0, 1], not percentages. Losses are in nats per token.",
];
