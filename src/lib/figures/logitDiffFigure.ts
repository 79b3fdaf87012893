// Per model and baseline, every item's logit difference (answer - wrong), with the mean and its interval
// from the aggregates: where a mean hides a split (some items copied, others not), the ticks show it.
import type { ResultFile } from "../results/resultSchema.ts";
import { hasWrongAnswers } from "../site/resultViews.ts";
import { count, figureSource, intervalSentence, provenanceSentence, scorersSentence } from "./captions.ts";
import { fillSpec } from "./chartSpecs.ts";
import type { FigureDef, Row } from "./figureTypes.ts";
import { figureId } from "./ids.ts";
import { scorerFields } from "./scorerFields.ts";

const columns = ["scorer", "label", "type", "order", "item", "logit_diff"];

/** One row per scorer and scored item with a wrong answer, scorers in size order, items in file order. */
export function logitDiffRows(result: ResultFile): Row[] {
  return scorerFields(result).flatMap((f) =>
    result.items.flatMap((item) => {
      const e = result.scores[f.scorer][item.id];
      if (!e || "skipped" in e || e.logit_diff === null) return [];
      return [{ scorer: f.scorer, label: f.label, type: f.type, order: f.order, item: item.id, logit_diff: e.logit_diff }];
    }),
  );
}

/** The mean logit difference per scorer with its interval, as aggregated in the result file. */
export function logitDiffMeans(result: ResultFile): Row[] {
  return scorerFields(result).map((f) => {
    const a = result.aggregates[f.scorer];
    const m = a.mean_logit_diff;
    return { scorer: f.scorer, label: f.label, type: f.type, order: f.order, value: m?.value ?? null, low: m?.low ?? null, high: m?.high ?? null, n_with_wrong: a.n_with_wrong };
  });
}

/** Null for a task without wrong answers: there is no logit difference to show. */
export function logitDiffFigure(result: ResultFile): FigureDef | null {
  if (!hasWrongAnswers(result)) return null;
  const task = result.task.id;
  const rows = logitDiffRows(result);
  const means = logitDiffMeans(result);
  const withWrong = result.items.filter((i) => i.wrong !== undefined).length;
  return {
    id: figureId(task, "logit-diff"),
    kind: "logit-diff",
    task,
    title: `${result.task.title}: logit difference (answer - wrong) per item`,
    caption:
      `Logit of the answer's first token minus the logit of the wrong answer's first token, one tick per item, on the ` +
      `${count(withWrong, "item")} of task ${task} that have a wrong answer, for ${scorersSentence(result)} ` +
      `Right of the zero line the scorer prefers the answer. Diamonds are the mean with its interval; the verdict needs the mean > ${result.task.verdict.minMeanLogitDiff}. ` +
      `${intervalSentence(result)} ${provenanceSentence(result)}`,
    columns,
    rows,
    extra: { means },
    spec: fillSpec("logitDiff", { task }, rows, { means }),
    source: figureSource(result),
  };
}
