// `atlas logprobs --model <hub-id|folder> --text "<text>" [--json]`
import type { AtlasContext } from "../../atlasContext.ts";
import { resolveModel } from "../../models/modelSet.ts";
import { prepareModel } from "../../models/prepareModel.ts";
import { loadModel } from "../../models/runtime/loadModel.ts";
import { textLogprobs } from "../../models/runtime/textLogprobs.ts";
import { type CliIo, formatTable } from "../io.ts";

export async function logprobsCommand(ctx: AtlasContext, io: CliIo, flags: { model: string; text: string; json: boolean }): Promise<number> {
  const prepared = await prepareModel(resolveModel(flags.model, { cwd: ctx.root }), ctx);
  const model = await loadModel(prepared);
  const result = await textLogprobs(model, flags.text);
  await model.scorer.release();
  if (flags.json) {
    io.out(JSON.stringify(result) + "\n");
    return 0;
  }
  const show = (s: string) => JSON.stringify(s);
  const rows = result.tokens.map((t, i) => [
    String(i),
    String(t.id),
    show(t.text),
    t.logprob === null ? "" : t.logprob.toFixed(4),
    t.top.map((c) => `${show(c.text)} ${Math.exp(c.logprob).toFixed(3)}`).join(", "),
  ]);
  io.out(`${result.model}: ${result.ids.length} tokens\n`);
  io.out(formatTable(["pos", "id", "token", "logprob", "top 5 predicted here (p)"], rows));
  io.out(`next: ${result.next.map((c) => `${show(c.text)} ${Math.exp(c.logprob).toFixed(3)}`).join(", ")}\n`);
  return 0;
}
