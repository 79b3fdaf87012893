import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTokenizerFilesFromFolder, buildTokenizerJson } from "../../../src/lib/models/buildTokenizerJson.ts";
import { loadTokenizer, type Tokenizer } from "../../../src/lib/models/loadTokenizer.ts";
import { AtlasError } from "../../../src/lib/errors.ts";
import { sharedDir } from "../../sharedPath.ts";

const modelsDir = path.join(sharedDir, "models");
const modelNames = existsSync(modelsDir) ? (await readdir(modelsDir)).sort() : [];

interface ReferenceCase {
  text: string | null;
  ids: number[];
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "atlas-tokenizer-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Builds the two files from a shared model folder into a temp folder and loads them as the app does. */
async function tokenizerOf(model: string): Promise<Tokenizer> {
  const out = path.join(tmp, model);
  const { tokenizerJson, tokenizerConfig } = await buildTokenizerFilesFromFolder(path.join(modelsDir, model), model);
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, "tokenizer.json"), JSON.stringify(tokenizerJson));
  await writeFile(path.join(out, "tokenizer_config.json"), JSON.stringify(tokenizerConfig, null, 2));
  return loadTokenizer(out, model);
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

describe("buildTokenizerJson", () => {
  it("finds the shared models", () => {
    expect(modelNames).toContain("tiny-random-gpt-neo");
  });

  it("writes GPT-2's tokenizer.json structure", async () => {
    const folder = path.join(modelsDir, "tiny-random-gpt-neo");
    const json = buildTokenizerJson(
      await readFile(path.join(folder, "vocab.json"), "utf8"),
      await readFile(path.join(folder, "merges.txt"), "utf8"),
    ) as Record<string, any>;
    expect(json.normalizer).toBeNull();
    expect(json.pre_tokenizer).toEqual({ type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true });
    expect(json.decoder.type).toBe("ByteLevel");
    expect(json.post_processor.type).toBe("ByteLevel");
    expect(json.added_tokens).toEqual([
      { id: 50256, content: "<|endoftext|>", single_word: false, lstrip: false, rstrip: false, normalized: true, special: true },
    ]);
    const { vocab, merges, ...model } = json.model;
    expect(model).toEqual({
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
    });
    expect(Object.keys(vocab)).toHaveLength(50257);
    // The "#version" header is not a merge.
    expect(merges).toHaveLength(50000);
    expect(merges[0]).toEqual(["Ġ", "t"]);
  });

  it('encodes "Once upon a time" as GPT-2 does', async () => {
    const tokenizer = await tokenizerOf("tiny-random-gpt-neo");
    expect(tokenizer.encode("Once upon a time")).toEqual([7454, 2402, 257, 640]);
    expect(tokenizer.tokenText(640)).toBe(" time");
    expect(tokenizer.vocabSize).toBe(50257);
  });

  describe.each(modelNames)("%s", (model) => {
    it("reproduces every reference tokenization", async () => {
      const tokenizer = await tokenizerOf(model);
      const reference = JSON.parse(await readFile(path.join(modelsDir, model, "reference", "reference.json"), "utf8"));
      const cases = reference.cases as ReferenceCase[];
      expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) {
        if (c.text !== null) {
          expect(tokenizer.encode(c.text)).toEqual(c.ids);
        } else {
          // Ids-only cases (held-out text): the decoded text must tokenize back to the same ids.
          expect(tokenizer.encode(tokenizer.decode(c.ids))).toEqual(c.ids);
        }
      }
    });
  });

  it("round-trips text: decode(encode(x)) === x", async () => {
    const tokenizer = await tokenizerOf("tiny-random-gpt-neo");
    const samples = [
      "",
      " leading space",
      "  two  spaces\n\n\nthree newlines\ttab",
      'She said, "Hi , there \'s a dog!" and don\'t  cry .',
      "“Curly quotes,” she said — it’s fine… – really",
      "日本語 and emoji 🙂👍🏽",
      "mojibake from the training set: â€™ â€œ",
      "trailing spaces   ",
    ];
    for (const text of samples) expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
    const stories = await readFile(path.join(sharedDir, "data", "tinystories-valid-first201.txt"), "utf8");
    const ids = tokenizer.encode(stories);
    expect(tokenizer.decode(ids)).toBe(stories);
    expect(ids.filter((id) => id === 50256)).toHaveLength(stories.split("<|endoftext|>").length - 1);
    const v2 = (await readFile(path.join(sharedDir, "data", "tinystories-v2-valid-first6456.txt"), "utf8")).slice(0, 200_000);
    expect(tokenizer.decode(tokenizer.encode(v2))).toBe(v2);
  });

  it("encodes <|endoftext|> in text as the special token 50256", async () => {
    const tokenizer = await tokenizerOf("tiny-random-gpt-neo");
    const ids = tokenizer.encode("The end.<|endoftext|>Once upon a time");
    expect(ids).toEqual([464, 886, 13, 50256, 7454, 2402, 257, 640]);
    expect(tokenizer.tokenText(50256)).toBe("<|endoftext|>");
    expect(tokenizer.decode(ids)).toBe("The end.<|endoftext|>Once upon a time");
  });

  it("rejects ids outside the vocabulary", async () => {
    const tokenizer = await tokenizerOf("tiny-random-gpt-neo");
    expect(() => tokenizer.decode([50257])).toThrow(/token id 50257 is outside the vocabulary of 50257 tokens/);
    expect(tokenizer.decode([])).toBe("");
  });

  it("names merges.txt when it is missing", async () => {
    const folder = path.join(tmp, "no-merges");
    await mkdir(folder, { recursive: true });
    const shared = path.join(modelsDir, "tiny-random-gpt-neo");
    await copyFile(path.join(shared, "vocab.json"), path.join(folder, "vocab.json"));
    await copyFile(path.join(shared, "config.json"), path.join(folder, "config.json"));
    const error = await rejection(buildTokenizerFilesFromFolder(folder, "my-model"));
    expect(error).toBeInstanceOf(AtlasError);
    expect(error.message).toBe(`model my-model, file merges.txt: missing from ${folder}`);
  });

  it("takes model_max_length from config.json", async () => {
    const { tokenizerConfig } = await buildTokenizerFilesFromFolder(path.join(modelsDir, "tiny-random-gpt-neo"));
    expect(tokenizerConfig).toMatchObject({ tokenizer_class: "GPT2Tokenizer", eos_token: "<|endoftext|>", model_max_length: 128 });
  });

  it("names tokenizer.json when a prepared folder lacks it", async () => {
    const error = await rejection(loadTokenizer(path.join(tmp, "nowhere"), "m"));
    expect(error).toBeInstanceOf(AtlasError);
    expect(error.message).toMatch(/^model m, file tokenizer(_config)?\.json: missing from /);
  });

  it("names vocab.json when it is not JSON", () => {
    const error = errorOf(() => buildTokenizerJson('{"!": 0, "\\"": 1', "#version: 0.2\n! !\n", { model: "broken" }));
    expect(error).toBeInstanceOf(AtlasError);
    expect(error.message).toMatch(/^model broken, file vocab\.json: is not valid JSON/);
    expect(error.message).not.toContain("\n");
  });

  it("names merges.txt and the line of a bad merge", () => {
    const vocab = JSON.stringify({ a: 0, b: 1, ab: 2, "<|endoftext|>": 3 });
    expect(() => buildTokenizerJson(vocab, "#version: 0.2\na b\nab\n")).toThrow(
      /^file merges\.txt: line 3: expected two tokens separated by one space, got "ab"$/,
    );
    expect(() => buildTokenizerJson(vocab, "#version: 0.2\nb a\n")).toThrow(/file merges\.txt: line 2: merge "b a": "ba" is not in the vocabulary/);
    expect(() => buildTokenizerJson(JSON.stringify({ a: 0, b: 1, ab: 2 }), "a b\n")).toThrow(/file vocab\.json: has no <\|endoftext\|> token/);
  });
});
