// The `atlas` command line: parses arguments and calls the command modules in src/lib/cli/commands.
import { parseArgs } from "node:util";
import { atlasContext } from "../src/lib/atlasContext.ts";
import { benchCommand } from "../src/lib/cli/commands/bench.ts";
import { logprobsCommand } from "../src/lib/cli/commands/logprobs.ts";
import { modelsCommand } from "../src/lib/cli/commands/models.ts";
import { prepareCommand } from "../src/lib/cli/commands/prepare.ts";
import { type CliIo, processIo } from "../src/lib/cli/io.ts";
import { AtlasError } from "../src/lib/errors.ts";

const help = `atlas: the TinyStories Capability Atlas command line

usage: atlas <command> [options]

commands:
  models [--json]                          the configured models: source, shape, parameters, ready or not
  prepare                                  download (hub) and prepare every configured model (ONNX, tokenizer)
  logprobs --model <m> --text <t> [--json] per-token log-probabilities and top-5 predictions of a text
  bench --model <m> [--json]               scoring throughput, peak memory, FLOPs/token, share of matmul rate

options for every command:
  --models <spec>   the model set: "published" (default: the 14 hub models), or a comma-separated list of
                    model folders, folders of model folders (e.g. ../shared/models), published ids, or hub
                    ids owner/name[@revision]. Default from the ATLAS_MODELS environment variable.
  --offline         use only the local cache (also HF_HUB_OFFLINE=1)
  --model <m>       one model: a folder, a published id (TinyStories-1M) or a hub id (owner/name[@rev])
  -h, --help        this text

environment: ATLAS_MODELS (model set), ATLAS_CACHE (cache folder, default .cache), HF_HUB_OFFLINE, HF_ENDPOINT, HF_TOKEN
`;

const options = {
  help: { type: "boolean", short: "h" },
  json: { type: "boolean" },
  offline: { type: "boolean" },
  models: { type: "string" },
  model: { type: "string" },
  text: { type: "string" },
  seq: { type: "string" },
  batch: { type: "string" },
  repeats: { type: "string" },
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
  const need = (name: "model" | "text"): string => {
    const value = values[name];
    if (value === undefined) throw new AtlasError(`atlas ${command} needs --${name}`);
    return value;
  };
  try {
    switch (command) {
      case "models":
        return await modelsCommand(ctx, io, { json: Boolean(values.json) });
      case "prepare":
        return await prepareCommand(ctx, io);
      case "logprobs":
        return await logprobsCommand(ctx, io, { model: need("model"), text: need("text"), json: Boolean(values.json) });
      case "bench":
        return await benchCommand(ctx, io, {
          model: need("model"),
          json: Boolean(values.json),
          seq: Number(values.seq ?? 256),
          batches: (values.batch ?? "1,4,8,16").split(",").map(Number),
          repeats: Number(values.repeats ?? 3),
        });
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
