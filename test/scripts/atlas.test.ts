// The command line, run in-process with captured output.
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../scripts/atlas.ts";
import type { CliIo } from "../../src/lib/cli/io.ts";
import { readReference, sharedModelEntries, sharedModelsDir, tempContext } from "../sharedModels.ts";
import path from "node:path";

const ctx = tempContext();
afterAll(() => ctx.cleanup());

async function run(args: string[], env: Record<string, string> = {}) {
  let out = "";
  let err = "";
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), env: { ATLAS_CACHE: ctx.cacheDir, ...env }, isTty: false };
  const code = await main(args, io);
  return { code, out, err };
}

describe("atlas", () => {
  it("--help lists the commands", async () => {
    const { code, out } = await run(["--help"]);
    expect(code).toBe(0);
    for (const command of ["models", "prepare", "logprobs", "bench"]) expect(out).toContain(`  ${command}`);
    expect(out).toContain("ATLAS_MODELS");
  });

  it("models --json lists the configured models before and after preparing", async () => {
    const before = JSON.parse((await run(["models", "--json", "--models", sharedModelsDir])).out);
    expect(before.map((m: { id: string; status: string }) => [m.id, m.status])).toEqual(
      sharedModelEntries().map((e) => [e.id, "not prepared"]),
    );
    expect((await run(["prepare", "--models", sharedModelsDir])).code).toBe(0);
    const after = JSON.parse((await run(["models", "--json"], { ATLAS_MODELS: sharedModelsDir })).out);
    expect(after.find((m: { id: string }) => m.id === "tinystories-8L-128-replica")).toMatchObject({
      kind: "replica",
      layers: 8,
      width: 128,
      parameters: 8_278_400,
      status: "ready",
    });
  });

  it("logprobs --json prints exactly the documented shape", async () => {
    const folder = path.join(sharedModelsDir, "tinystories-8L-128-replica");
    const { code, out } = await run(["logprobs", "--model", folder, "--text", "Once upon a time", "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(Object.keys(result)).toEqual(["model", "ids", "tokens", "next"]);
    expect(result.ids).toEqual([7454, 2402, 257, 640]);
    expect(result.tokens.map((t: { text: string }) => t.text)).toEqual(["Once", " upon", " a", " time"]);
    const reference = readReference(sharedModelEntries().find((e) => e.id === "tinystories-8L-128-replica")!)[0];
    expect(result.tokens[1].logprob).toBeCloseTo(reference.next_token_logprob[0], 4);
    expect(result.next).toHaveLength(5);
  });

  it("logprobs without --json prints a table", async () => {
    const folder = path.join(sharedModelsDir, "tiny-random-gpt-neo");
    const { code, out } = await run(["logprobs", "--model", folder, "--text", "Once upon a time"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^tiny-random-gpt-neo: 4 tokens\npos +id +token +logprob/);
    expect(out).toContain('" upon"');
    expect(out).toMatch(/\nnext: /);
  });

  it("reports a bad model in one line on stderr with exit status 1", async () => {
    const { code, err } = await run(["logprobs", "--model", "nowhere/at-all", "--text", "x", "--offline"]);
    expect(code).toBe(1);
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toMatch(/^atlas: model nowhere\/at-all: offline, and nowhere\/at-all@main is not in the cache/);
  });

  it("exits 2 on an unknown command or option", async () => {
    expect((await run(["frobnicate"])).code).toBe(2);
    expect((await run(["models", "--nope"])).code).toBe(2);
  });
});
