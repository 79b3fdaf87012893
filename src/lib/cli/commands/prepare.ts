// `atlas prepare [--models <spec>]`: download (hub) and prepare every configured model; cached by content.
import type { AtlasContext } from "../../atlasContext.ts";
import { resolveModelSet } from "../../models/modelSet.ts";
import { prepareModel } from "../../models/prepareModel.ts";
import type { CliIo } from "../io.ts";

export async function prepareCommand(ctx: AtlasContext, io: CliIo): Promise<number> {
  let failed = 0;
  for (const entry of resolveModelSet(ctx.modelSpec, { cwd: ctx.root })) {
    const start = performance.now();
    try {
      const prepared = await prepareModel(entry, ctx);
      const seconds = ((performance.now() - start) / 1000).toFixed(1);
      io.err(`${entry.id}: ${prepared.built ? `prepared in ${seconds}s` : "already prepared"} -> ${prepared.dir}\n`);
    } catch (e) {
      failed++;
      io.err(`${entry.id}: FAILED: ${(e as Error).message}\n`);
    }
  }
  return failed === 0 ? 0 : 1;
}
