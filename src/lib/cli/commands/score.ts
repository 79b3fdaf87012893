// `atlas score --model <m> --prompt <p> --answer <a> [--wrong <w>] [--json]`: one item's metrics.
import type { AtlasContext } from "../../atlasContext.ts";
import { AtlasError } from "../../errors.ts";
import { resolveModel } from "../../models/modelSet.ts";
import { prepareModel } from "../../models/prepareModel.ts";
import { loadModel } from "../../models/runtime/loadModel.ts";
import type { ItemScore } from "../../scoring/itemScore.ts";
import { scoreItems } from "../../scoring/scoreItems.ts";
import type { CliIo } from "../io.ts";

export interface ScoreFlags {
  model: string;
  prompt: string;
  answer: string;
  wrong?: string;
  json: boolean;
}

export async function scoreCommand(ctx: AtlasContext, io: CliIo, flags: ScoreFlags): Promise<number> {
  const prepared = await prepareModel(resolveModel(flags.model, { cwd: ctx.root }), ctx);
  const model = await loadModel(prepared);
  const item = { prompt: flags.prompt, answer: flags.answer, wrong: flags.wrong };
  let result: ItemScore | undefined;
  const scorer = { id: prepared.entry.id, score: model.scorer.score.bind(model.scorer) };
  await scoreItems(scorer, model.tokenizer, [item], { tokenBudget: Infinity, maxBatch: 1, maxPositions: model.maxPositions }, (done) => {
    const entry = done[0][1];
    if ("skipped" in entry) throw new AtlasError(`cannot score this item: ${entry.skipped}`, { model: prepared.entry.id });
    result = entry;
  });
  await model.scorer.release();
  const r = result!;
  const out = { p_first: r.p_first, p_answer: r.p_answer, rank: r.rank, logit_diff: r.logit_diff, answer_ids: r.answer_ids, top5: r.top5 };
  if (flags.json) io.out(JSON.stringify(out) + "\n");
  else {
    io.out(`${prepared.entry.id}: p_first ${r.p_first.toFixed(4)}  p_answer ${r.p_answer.toExponential(3)}  rank ${r.rank}`);
    io.out(r.logit_diff === null ? "\n" : `  logit_diff ${r.logit_diff.toFixed(3)}\n`);
    io.out(`answer tokens ${JSON.stringify(r.answer_ids)}; top 5: ${r.top5.map((t) => `${JSON.stringify(t.text)} ${t.p.toFixed(3)}`).join(", ")}\n`);
  }
  return 0;
}
