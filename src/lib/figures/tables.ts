// The capability page's tables as data, for CSV and JSON downloads: the verdicts (one row per model and
// baseline) and the examples (one row per item and scorer, long format).
import type { ResultFile } from "../results/resultSchema.ts";
import type { Interval } from "../scoring/aggregate.ts";
import { count, figureSource, intervalSentence, provenanceSentence, scorersSentence } from "./captions.ts";
import type { Row, TableDef } from "./figureTypes.ts";
import { tableId } from "./ids.ts";
import { scorerFields } from "./scorerFields.ts";

const verdictColumns = [
  "scorer", "type", "kind", "parameters", "n", "skipped",
  "mean_p_first", "mean_p_first_low", "mean_p_first_high",
  "mean_p_answer", "mean_p_answer_low", "mean_p_answer_high",
  "top1_rate", "top1_rate_low", "top1_rate_high",
  "median_rank", "median_rank_low", "median_rank_high",
  "mean_logit_diff", "mean_logit_diff_low", "mean_logit_diff_high",
  "n_with_wrong", "has_capability",
];

const exampleColumns = ["item", "tags", "prompt", "answer", "wrong", "scorer", "p_first", "p_answer", "rank", "logit_diff", "p_wrong", "top5", "skipped"];

function spread(name: string, i: Interval | null): Row {
  return { [name]: i?.value ?? null, [`${name}_low`]: i?.low ?? null, [`${name}_high`]: i?.high ?? null };
}

export function verdictTable(result: ResultFile): TableDef {
  const task = result.task.id;
  const rows = scorerFields(result).map((f) => {
    const a = result.aggregates[f.scorer];
    return {
      scorer: f.scorer, type: f.type, kind: f.kind, parameters: f.parameters, n: a.n, skipped: a.skipped,
      ...spread("mean_p_first", a.mean_p_first), ...spread("mean_p_answer", a.mean_p_answer), ...spread("top1_rate", a.top1_rate),
      ...spread("median_rank", a.median_rank), ...spread("mean_logit_diff", a.mean_logit_diff),
      n_with_wrong: a.n_with_wrong, has_capability: a.has_capability ? "yes" : "no",
    };
  });
  return {
    id: tableId(task, "verdicts"),
    kind: "verdicts",
    task,
    title: `${result.task.title}: which models have it`,
    caption: `Aggregates over the ${count(result.items.length, "item")} of task ${task} and the verdict (${result.task.verdictText}), for ${scorersSentence(result)} ${intervalSentence(result)} ${provenanceSentence(result)}`,
    columns: verdictColumns,
    rows,
    source: figureSource(result),
  };
}

export function exampleTable(result: ResultFile): TableDef {
  const task = result.task.id;
  const scorers = scorerFields(result);
  const rows: Row[] = result.items.flatMap((item) =>
    scorers.map((f) => {
      const base = { item: item.id, tags: item.tags.join(" "), prompt: item.prompt, answer: item.answer, wrong: item.wrong ?? null, scorer: f.scorer };
      const e = result.scores[f.scorer][item.id];
      if ("skipped" in e) return { ...base, p_first: null, p_answer: null, rank: null, logit_diff: null, p_wrong: null, top5: null, skipped: e.skipped };
      return { ...base, p_first: e.p_first, p_answer: e.p_answer, rank: e.rank, logit_diff: e.logit_diff, p_wrong: e.p_wrong, top5: JSON.stringify(e.top5.map((t) => [t.text, t.p])), skipped: null };
    }),
  );
  return {
    id: tableId(task, "examples"),
    kind: "examples",
    task,
    title: `${result.task.title}: every item, per model and baseline`,
    caption: `Per item of task ${task} (${count(result.items.length, "item")}) and per scorer: p(first answer token), p(answer), rank of the first answer token, logit difference (answer - wrong) and the top five next tokens as [text, p] pairs. ${provenanceSentence(result)}`,
    columns: exampleColumns,
    rows,
    source: figureSource(result),
  };
}

export function tablesForTask(result: ResultFile): TableDef[] {
  return [verdictTable(result), exampleTable(result)];
}
