// The `atlas` command line: parses arguments and calls the command modules in src/lib/cli/commands,
// imported on demand so that `atlas --help` or `atlas tasks` does not load onnxruntime.
import { parseArgs } from "node:util";
import { atlasContext } from "../src/lib/atlasContext.ts";
import { type CliIo, processIo } from "../src/lib/cli/io.ts";
import { AtlasError } from "../src/lib/errors.ts";

const help = `atlas: the TinyStories Capability Atlas command line

usage: atlas <command> [options]

commands:
  models [--json]                          the configured models: source, shape, parameters, ready or not
  prepare                                  download (hub) and prepare every configured model (ONNX, tokenizer)
  logprobs --model <m> --text <t> [--json] per-token log-probabilities and top-5 predictions of a text
  bench --model <m> [--json]               scoring throughput, peak memory, FLOPs/token, share of matmul rate
  bench --tasks [--json]                   every configured model and baseline on all task items: batched
                                           scoring against one forward pass per item
  tasks [--json]                           the capability tasks: id, title, version, number of items
  score --model <m> --prompt <p> --answer <a> [--wrong <w>] [--json]
                                           one item's p_first, p_answer, rank, logit_diff, answer_ids, top5
  tokens [--shard k/n] [--merge]           per-token log-probabilities, ranks and top-5 of every model and
                                           baseline on the validation stories -> data/tokens/ (a shard ->
                                           data/tokens-shards/k-of-n/; --merge joins all shards into data/tokens/)
  data                                     score every configured model and baseline on every task and write
                                           data/results/<task>.json (cached: only new items are scored)
  mechanisms                               head ablation, direct logit attribution, attention labels, logit lens
                                           and top neurons of every configured model on every task ->
                                           data/mechanisms/ (cached per model and item; run by the build)
  site-assets                              copy the prepared models' browser files and onnxruntime-web's wasm
                                           into public/models/ and public/ort/ for the probes (run by the build)
  report [--out <dir>]                     the paper's LaTeX tables, numbers.tex macros, figures, BibTeX and
                                           provenance manifest from data/ -> report/ (replaced whole)

options for every command:
  --models <spec>   the model set: "published" (default: the 14 hub models), or a comma-separated list of
                    model folders, folders of model folders (e.g. ../shared/models), published ids, or hub
                    ids owner/name[@revision]. Default from the ATLAS_MODELS environment variable.
  --offline         use only the local cache (also HF_HUB_OFFLINE=1)
  --model <m>       one model: a folder, a published id (TinyStories-1M) or a hub id (owner/name[@rev])
  -h, --help        this text

environment: ATLAS_MODELS (model set), ATLAS_CACHE (cache folder, default .cache), ATLAS_TASKS (task folder,
  default src/content/tasks), ATLAS_DATA (generated data, default data), ATLAS_DATE (pins the date in result
  files), ATLAS_TRAIN_TEXT / ATLAS_TRAIN_STORIES (baselines' training text),
  ATLAS_STORY_TEXT / ATLAS_STORIES (validation stories scored per token, default the first 201),
  ATLAS_MECHANISM_ITEMS (mechanism evidence on N items per task, evenly spaced; default all),
  ATLAS_SITE_URL (the deployed site's address, for citations), ATLAS_MODEL_BASE_URL (where probes fetch models),
  HF_HUB_OFFLINE, HF_ENDPOINT, HF_TOKEN
`;

const options = {
  help: { type: "boolean", short: "h" },
  json: { type: "boolean" },
  offline: { type: "boolean" },
  models: { type: "string" },
  model: { type: "string" },
  text: { type: "string" },
  prompt: { type: "string" },
  answer: { type: "string" },
  wrong: { type: "string" },
  seq: { type: "string" },
  batch: { type: "string" },
  repeats: { type: "string" },
  tasks: { type: "boolean" },
  shard: { type: "string" },
  merge: { type: "boolean" },
  out: { type: "string" },
} as const;

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    io.err(`atlas: ${(e as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    io.out(help);
    return command || values.help ? 0 : 2;
  }
  const ctx = atlasContext(io.env, { models: values.models, offline: values.offline, log: (line) => io.err(line + "\n") });
  const need = (name: "model" | "text" | "prompt" | "answer"): string => {
    const value = values[name];
    if (value === undefined) throw new AtlasError(`atlas ${command} needs --${name}`);
    return value;
  };
  try {
    switch (command) {
      case "models":
        return await (await import("../src/lib/cli/commands/models.ts")).modelsCommand(ctx, io, { json: Boolean(values.json) });
      case "prepare":
        return await (await import("../src/lib/cli/commands/prepare.ts")).prepareCommand(ctx, io);
      case "logprobs":
        return await (await import("../src/lib/cli/commands/logprobs.ts")).logprobsCommand(ctx, io, { model: need("model"), text: need("text"), json: Boolean(values.json) });
      case "bench":
        if (values.tasks) return await (await import("../src/lib/cli/commands/bench.ts")).benchTasksCommand(ctx, io, { json: Boolean(values.json) });
        return await (await import("../src/lib/cli/commands/bench.ts")).benchCommand(ctx, io, {
          model: need("model"),
          json: Boolean(values.json),
          seq: Number(values.seq ?? 256),
          batches: (values.batch ?? "1,4,8,16").split(",").map(Number),
          repeats: Number(values.repeats ?? 3),
        });
      case "tasks":
        return await (await import("../src/lib/cli/commands/tasks.ts")).tasksCommand(ctx, io, { json: Boolean(values.json) });
      case "score":
        return await (await import("../src/lib/cli/commands/score.ts")).scoreCommand(ctx, io, {
          model: need("model"),
          prompt: need("prompt"),
          answer: need("answer"),
          wrong: values.wrong,
          json: Boolean(values.json),
        });
      case "tokens":
        return await (await import("../src/lib/cli/commands/tokens.ts")).tokensCommand(ctx, io, { shard: values.shard, merge: Boolean(values.merge) });
      case "data":
        return await (await import("../src/lib/cli/commands/data.ts")).dataCommand(ctx, io);
      case "mechanisms":
        return await (await import("../src/lib/cli/commands/mechanisms.ts")).mechanismsCommand(ctx, io);
      case "site-assets":
        return await (await import("../src/lib/cli/commands/siteAssets.ts")).siteAssetsCommand(ctx, io);
      case "report":
        return await (await import("../src/lib/cli/commands/report.ts")).reportCommand(ctx, io, { out: values.out });
      default:
        io.err(`atlas: unknown command "${command}"; see atlas --help\n`);
        return 2;
    }
  } catch (e) {
    if (e instanceof AtlasError) {
      io.err(`atlas: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
