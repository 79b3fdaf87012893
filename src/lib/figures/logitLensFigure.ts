// Per model, the logit lens: the answer's median rank when the residual stream after each block is read
// through the final LayerNorm and unembedding, so a reader sees at which depth the answer emerges.
import type { MechanismFile } from "../mechanisms/mechanismSchema.ts";
import type { ResultFile } from "../results/resultSchema.ts";
import { fillSpec } from "./chartSpecs.ts";
import type { FigureDef, Row } from "./figureTypes.ts";
import { figureId } from "./ids.ts";
import { mechanismModelFields, mechanismModelsSentence, mechanismProvenanceSentence, mechanismSource } from "./mechanismFigureParts.ts";

const columns = ["model", "label", "order", "block", "blocks", "median_rank", "mean_logprob", "top1_share", "mean_logit_diff", "top_tokens"];

/** One row per model and block, blocks in order. */
export function logitLensRows(result: ResultFile, file: MechanismFile): Row[] {
  return file.models.flatMap((m, order) => {
    const fields = mechanismModelFields(result, m, order);
    return m.lens.map((b) => ({
      ...fields,
      block: b.block,
      blocks: m.model.layers,
      median_rank: b.medianRank,
      mean_logprob: b.meanLogprob,
      top1_share: b.top1Share,
      mean_logit_diff: b.meanLogitDiff,
      top_tokens: b.topTokens.map((t) => `${JSON.stringify(t.text)} (${t.items})`).join(", "),
    }));
  });
}

export function logitLensFigure(result: ResultFile, file: MechanismFile): FigureDef {
  const task = result.task.id;
  const rows = logitLensRows(result, file);
  return {
    id: figureId(task, "logit-lens"),
    kind: "logit-lens",
    task,
    title: `${result.task.title}: the answer's rank after each block (logit lens), by model`,
    caption:
      `The residual stream at the final prompt position after each block, read through the model's own final LayerNorm and unembedding (the logit lens): ` +
      `the median rank of the answer's first token over the items (log scale; 1 = the top prediction), for ${mechanismModelsSentence(file)} ` +
      `A model's last block is its own prediction; where the line drops early, the answer is already readable after the first blocks. ` +
      `Tooltips give the mean log-probability, the share of items where the answer ranks first, and the tokens most often on top. ${mechanismProvenanceSentence(file)}`,
    columns,
    rows,
    extra: {},
    spec: fillSpec("logitLens", { task }, rows),
    source: mechanismSource(result, file),
  };
}
