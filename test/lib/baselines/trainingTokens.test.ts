import { writeFileSync } from "node:fs";
import { readdir, rm, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCorpus, serializeCorpus, tokenizerFingerprint, trainingTokens } from "../../../src/lib/baselines/trainingTokens.ts";
import { tokenCorpus } from "../../../src/lib/baselines/tokenCorpus.ts";
import type { Tokenizer } from "../../../src/lib/models/tokenizer.ts";

let cacheDir: string;
beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "atlas-tokens-"));
});
afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

/** A character tokenizer that counts its calls. */
function charTokenizer(offset = 0): Tokenizer & { calls: number } {
  const t = {
    calls: 0,
    vocabSize: 50257,
    encode(text: string) {
      t.calls++;
      return [...text].map((ch) => (ch.codePointAt(0)! + offset) % 50257);
    },
    decode: (ids: readonly number[]) => String.fromCodePoint(...ids),
    tokenText: (id: number) => String.fromCodePoint(id),
  };
  return t;
}

describe("trainingTokens", () => {
  it("round-trips a corpus through the binary format", () => {
    const corpus = tokenCorpus([[1, 2, 50256], [], [65535, 0]]);
    const back = readCorpus(writeTemp(serializeCorpus(corpus)));
    expect(back).toEqual(corpus);
  });

  it("tokenizes once, then reads the cache; another text or tokenizer is another entry", () => {
    const tokenizer = charTokenizer();
    const stories = ["ab", "cde"];
    const first = trainingTokens(stories, tokenizer, { cacheDir, textSha256: "t1" });
    expect(tokenizer.calls).toBeGreaterThan(0);
    const calls = tokenizer.calls;
    const second = trainingTokens(stories, tokenizer, { cacheDir, textSha256: "t1", tokenizerFingerprint: tokenizerFingerprint(tokenizer) });
    expect(tokenizer.calls).toBe(calls + 1); // the fingerprint's probe only
    expect(second).toEqual(first);
    expect([...first.ids]).toEqual([97, 98, 99, 100, 101]);

    trainingTokens(stories, tokenizer, { cacheDir, textSha256: "t2" });
    const other = charTokenizer(1);
    expect(tokenizerFingerprint(other)).not.toBe(tokenizerFingerprint(tokenizer));
    expect([...trainingTokens(stories, other, { cacheDir, textSha256: "t1" }).ids]).toEqual([98, 99, 100, 101, 102]);
  });

  it("ignores a torn cache file and writes it again", async () => {
    const tokenizer = charTokenizer();
    trainingTokens(["ab"], tokenizer, { cacheDir, textSha256: "t" });
    const [file] = await readdir(cacheDir);
    await writeFile(path.join(cacheDir, file), "ATLASTOK");
    const calls = tokenizer.calls;
    expect([...trainingTokens(["ab"], tokenizer, { cacheDir, textSha256: "t" }).ids]).toEqual([97, 98]);
    expect(tokenizer.calls).toBeGreaterThan(calls + 1);
    expect(readCorpus(path.join(cacheDir, file))).toBeDefined();
  });

  it("without a cache folder, only tokenizes", () => {
    expect([...trainingTokens(["ab"], charTokenizer(), { textSha256: "t" }).ids]).toEqual([97, 98]);
  });
});

function writeTemp(bytes: Uint8Array): string {
  const file = path.join(cacheDir, "corpus.bin");
  writeFileSync(file, bytes);
  return file;
}
