// The pattern files: the bitset codec byte for byte; `atlas tokens` (test setup) wrote patterns.json and
// patterns.bin whose bits are the detectors' marks; rewriting them gives the same bytes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodePatternBits, encodePatternBits, packBits, tokenPatternsSchema, unpackBits } from "../../../src/lib/tokens/patternFiles.ts";
import { labelTokens, patternDetectors } from "../../../src/lib/tokens/patterns.ts";
import { decodeColumns, decodeIds, readTokenFolder, readTokenManifestFile } from "../../../src/lib/tokens/tokenFiles.ts";
import { PATTERNS_FILE, PATTERN_BITS_FILE, writeTokenPatterns } from "../../../src/lib/tokens/writeTokenPatterns.ts";

const tokensDir = path.join(process.env.ATLAS_DATA!, "tokens");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-patterns-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("pattern bitsets", () => {
  it("pack token t into bit t & 7 of byte t >> 3, least significant first, zero-padded", () => {
    const flags = [1, 0, 1, 1, 0, 0, 0, 0, 1];
    expect(Array.from(packBits(flags))).toEqual([0b00001101, 0b00000001]);
    expect(Array.from(unpackBits(packBits(flags), 9))).toEqual(flags);
    const two = encodePatternBits([Uint8Array.from(flags), Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 1, 1])]);
    expect(Array.from(two)).toEqual([0b00001101, 1, 0b10000000, 1]);
    expect(decodePatternBits(two, 2, 9).map((c) => Array.from(c))).toEqual([flags, [0, 0, 0, 0, 0, 0, 0, 1, 1]]);
    expect(() => decodePatternBits(two, 2, 17)).toThrow(/has 6 bytes, not 4/);
  });
});

describe("data/tokens/patterns.json and patterns.bin (from `atlas tokens`)", () => {
  const manifest = readTokenManifestFile(path.join(tokensDir, "manifest.json"));
  const meta = tokenPatternsSchema.parse(JSON.parse(fs.readFileSync(path.join(tokensDir, PATTERNS_FILE), "utf8")));
  const ids = decodeIds(new Uint8Array(fs.readFileSync(path.join(tokensDir, "ids.bin"))));
  const n = manifest.text.tokens;

  it("label the manifest's tokens with every detector, in the registry's order", () => {
    expect(meta.textSha256).toBe(manifest.text.sha256);
    expect(meta.tokens).toBe(n);
    expect(meta.patterns.map((p) => p.id)).toEqual(patternDetectors.map((d) => d.id));
    expect(meta.skipped).toEqual([]);
    expect(Object.keys(meta.inputs).sort()).toEqual(["bigram", "copy", "trigram"]);
    for (const [id, sha] of Object.entries(meta.inputs)) expect(sha).toBe(manifest.scorers.find((s) => s.info.id === id)!.sha256);
  });

  it("hold exactly the detectors' marks, and the counts in patterns.json", () => {
    const vocab = JSON.parse(fs.readFileSync(path.join(tokensDir, "vocab.json"), "utf8")) as Record<string, string>;
    const confident = Object.fromEntries(
      ["bigram", "trigram", "copy"].map((id) => [id, decodeColumns(new Uint8Array(fs.readFileSync(path.join(tokensDir, `scorers/${id}.bin`))), n).confident]),
    );
    const expected = labelTokens(patternDetectors, { ids, storyOffsets: manifest.storyOffsets, text: (id) => vocab[id], confident });
    const stored = decodePatternBits(new Uint8Array(fs.readFileSync(path.join(tokensDir, PATTERN_BITS_FILE))), meta.patterns.length, n);
    stored.forEach((c, k) => {
      expect(Buffer.from(c).equals(Buffer.from(expected[k])), meta.patterns[k].id).toBe(true);
      expect(c.reduce((a, b) => a + b, 0)).toBe(meta.patterns[k].count);
    });
    // The baseline patterns are those columns' confident flags, token for token.
    expect(Buffer.from(stored[0]).equals(Buffer.from(confident.bigram))).toBe(true);
  });

  it("are rewritten byte-identically, and detectors whose baseline is missing are listed as skipped", () => {
    for (const f of ["manifest.json", "ids.bin", "vocab.json", PATTERNS_FILE, PATTERN_BITS_FILE]) fs.copyFileSync(path.join(tokensDir, f), path.join(scratch, f));
    fs.cpSync(path.join(tokensDir, "scorers"), path.join(scratch, "scorers"), { recursive: true });
    writeTokenPatterns(scratch, readTokenFolder(scratch));
    for (const f of [PATTERNS_FILE, PATTERN_BITS_FILE]) expect(fs.readFileSync(path.join(scratch, f)).equals(fs.readFileSync(path.join(tokensDir, f))), f).toBe(true);

    const withoutCopy = { ...manifest, scorers: manifest.scorers.filter((s) => s.info.id !== "copy") };
    fs.writeFileSync(path.join(scratch, "manifest.json"), JSON.stringify(withoutCopy));
    const partial = writeTokenPatterns(scratch, readTokenFolder(scratch));
    expect(partial.skipped).toEqual([{ id: "copy-confident", missing: ["copy"] }]);
    expect(partial.patterns.map((p) => p.id)).not.toContain("copy-confident");
    expect(fs.statSync(path.join(scratch, PATTERN_BITS_FILE)).size).toBe(partial.patterns.length * Math.ceil(n / 8));
  });
});
