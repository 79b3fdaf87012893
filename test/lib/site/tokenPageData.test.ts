// What the explorer and comparison pages read at build time: the test data as written by `atlas tokens`,
// scorers in page order, the default models, and a reason (not a crash) when the data are missing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ScorerInfo } from "../../../src/lib/results/resultSchema.ts";
import { discoverPageData } from "../../../src/lib/site/discoverPageData.ts";
import { explorerStories } from "../../../src/lib/site/mechanismData.ts";
import { defaultPair, largestModels, readTokenPageData, tokenDataDir } from "../../../src/lib/site/tokenPageData.ts";

describe("readTokenPageData", () => {
  it("reads the manifest, analysis, ids and vocabulary of ATLAS_DATA/tokens", () => {
    const read = readTokenPageData(tokenDataDir());
    if (!read.ok) throw new Error(read.reason);
    const { manifest, analysis, ids, scorers, text } = read.data;
    expect(ids.length).toBe(manifest.text.tokens);
    expect(manifest.storyOffsets.at(-1)).toBe(manifest.text.tokens);
    expect(analysis?.scorerIds).toEqual(manifest.scorers.map((s) => s.info.id));
    // Models smallest first, then baselines.
    const kinds = scorers.map((s) => s.type);
    expect(kinds.indexOf("baseline")).toBeGreaterThan(kinds.lastIndexOf("model"));
    expect(text(ids[0])).not.toMatch(/^<\d+>$/);
  });

  it("says what is missing instead of throwing", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-no-tokens-"));
    try {
      const read = readTokenPageData(dir);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.reason).toMatch(/manifest\.json does not exist/);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it("shows no page data from one shard of unmerged data, on any page", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-shard-tokens-"));
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(tokenDataDir(), "manifest.json"), "utf8"));
      fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ ...manifest, shard: { k: 1, n: 2 } }));
      fs.copyFileSync(path.join(tokenDataDir(), "patterns.json"), path.join(dir, "patterns.json"));
      const read = readTokenPageData(dir);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.reason).toMatch(/manifest\.json is shard 1 of 2, not merged data/);
      expect(discoverPageData(dir)).toBeNull();
      expect(explorerStories(dir)).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it("gives the discovery page and the mechanism links the same manifest as the explorer", () => {
    const read = readTokenPageData(tokenDataDir());
    if (!read.ok) throw new Error(read.reason);
    expect(discoverPageData(tokenDataDir())?.manifest).toEqual(read.data.manifest);
    expect(explorerStories(tokenDataDir())).toEqual({ sha256: read.data.manifest.text.sha256, scorers: read.data.manifest.scorers.map((s) => s.info.id) });
  });
});

describe("default scorers", () => {
  const model = (id: string, parameters: number) => ({ type: "model", id, parameters }) as ScorerInfo;
  const baseline = (id: string) => ({ type: "baseline", id }) as ScorerInfo;

  it("picks the largest models, then tops up with baselines", () => {
    const scorers = [model("s", 1), model("l", 30), model("m", 8), baseline("trigram")];
    expect(largestModels(scorers, 2)).toEqual(["l", "m"]);
    expect(defaultPair(scorers)).toEqual(["l", "m"]);
    expect(defaultPair([model("only", 3), baseline("bigram")])).toEqual(["only", "bigram"]);
    expect(defaultPair([baseline("bigram")])).toEqual(["bigram", "bigram"]);
  });
});
