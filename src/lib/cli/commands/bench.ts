// `atlas bench --model <...> [--json]`: scoring throughput, peak memory, FLOPs per token, and the share of
// the machine's matmul rate (measured by the same backend) that scoring reaches.
import os from "node:os";
import * as ort from "onnxruntime-node";
import type { AtlasContext } from "../../atlasContext.ts";
import { measureMatmulRate } from "../../bench/matmulRate.ts";
import { flopsPerToken } from "../../bench/modelFlops.ts";
import { measureThroughput, type ThroughputSample } from "../../bench/scoringThroughput.ts";
import { timeTaskScoring } from "../../bench/taskScoringBench.ts";
import { baselineScorerFactories } from "../../data/baselineScorers.ts";
import { modelScorerFactory } from "../../data/modelScorers.ts";
import { resolveModelSet } from "../../models/modelSet.ts";
import { loadTasks } from "../../tasks/loadTasks.ts";
import { parseGptNeoConfig } from "../../models/gptNeoConfig.ts";
import { resolveModel } from "../../models/modelSet.ts";
import { prepareModel } from "../../models/prepareModel.ts";
import { loadModel } from "../../models/runtime/loadModel.ts";
import { type CliIo, formatTable } from "../io.ts";
import fs from "node:fs";
import path from "node:path";

export interface BenchFlags {
  model: string;
  json: boolean;
  seq: number;
  /** Batches to try; the fastest is reported. */
  batches: number[];
  repeats: number;
}

/** `atlas bench --tasks`: every configured model and baseline over all task items, batched vs one by one. */
export async function benchTasksCommand(ctx: AtlasContext, io: CliIo, flags: { json: boolean }): Promise<number> {
  const tasks = loadTasks(ctx.tasksDir);
  const models = resolveModelSet(ctx.modelSpec, { cwd: ctx.root });
  const rows = [];
  for (const factory of [...models.map((m) => modelScorerFactory(m, ctx)), ...baselineScorerFactories(ctx, models, io.env)]) {
    const handle = await factory.open();
    rows.push({ id: factory.id, ...(await timeTaskScoring(handle, tasks)) });
    await handle.release();
  }
  if (flags.json) io.out(JSON.stringify(rows, null, 2) + "\n");
  else
    io.out(
      formatTable(
        ["scorer", "items", "tokens", "batched s", "tokens/s", "one by one s", "tokens/s", "speed-up"],
        rows.map((r) => [
          r.id,
          String(r.items),
          String(r.tokens),
          r.batchedSeconds.toFixed(2),
          round(r.batchedTokensPerSecond).toLocaleString("en-US"),
          r.perItemSeconds.toFixed(2),
          round(r.perItemTokensPerSecond).toLocaleString("en-US"),
          `${(r.perItemSeconds / r.batchedSeconds).toFixed(1)}x`,
        ]),
      ),
    );
  return 0;
}

export async function benchCommand(ctx: AtlasContext, io: CliIo, flags: BenchFlags): Promise<number> {
  const prepared = await prepareModel(resolveModel(flags.model, { cwd: ctx.root }), ctx);
  const model = await loadModel(prepared);
  const config = parseGptNeoConfig(fs.readFileSync(path.join(prepared.dir, "config.json"), "utf8"), { file: "config.json" });
  const seq = Math.min(flags.seq, config.max_position_embeddings);
  const samples: ThroughputSample[] = [];
  for (const batch of flags.batches) {
    samples.push(await measureThroughput(model.scorer, { batch, seq, vocab: config.vocab_size, repeats: flags.repeats }));
  }
  const best = samples.reduce((a, b) => (b.tokensPerSecond > a.tokensPerSecond ? b : a));
  await model.scorer.release();
  const matmul = await measureMatmulRate();
  const flops = flopsPerToken(config, seq);
  const achieved = best.tokensPerSecond * flops.total;
  const report = {
    model: prepared.entry.id,
    kind: prepared.entry.kind,
    backend: `onnxruntime-node ${ort.env.versions.node ?? "?"} (CPU, float32)`,
    cpu: `${os.cpus()[0]?.model ?? "?"} x ${os.cpus().length}`,
    seq,
    batch: best.batch,
    tokens_per_second: round(best.tokensPerSecond),
    samples: samples.map((s) => ({ batch: s.batch, tokens_per_second: round(s.tokensPerSecond) })),
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    flops_per_token: round(flops.total),
    flops_per_token_parts: { linear: flops.linear, attention: round(flops.attention), unembed: flops.unembed },
    achieved_flops_per_second: round(achieved),
    matmul_flops_per_second: round(matmul.flopsPerSecond),
    matmul_size: matmul.size,
    fraction_of_matmul: Number((achieved / matmul.flopsPerSecond).toFixed(3)),
  };
  if (flags.json) io.out(JSON.stringify(report, null, 2) + "\n");
  else {
    io.out(`${report.model} (${report.kind}) on ${report.backend}, ${report.cpu}\n`);
    io.out(
      formatTable(
        ["batch", "seq", "tokens/s"],
        samples.map((s) => [String(s.batch), String(s.seq), round(s.tokensPerSecond).toLocaleString("en-US")]),
      ),
    );
    io.out(
      `best: ${report.tokens_per_second.toLocaleString("en-US")} tokens/s at batch ${best.batch}; ` +
        `${(flops.total / 1e6).toFixed(2)} MFLOP/token -> ${(achieved / 1e9).toFixed(1)} GFLOP/s; ` +
        `matmul rate ${(matmul.flopsPerSecond / 1e9).toFixed(1)} GFLOP/s (${matmul.size}^3); ` +
        `fraction ${(report.fraction_of_matmul * 100).toFixed(1)}%; peak RSS ${(report.peak_rss_bytes / 2 ** 20).toFixed(0)} MiB\n`,
    );
  }
  return 0;
}

function round(x: number): number {
  return Math.round(x);
}
