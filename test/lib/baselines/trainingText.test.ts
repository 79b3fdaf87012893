import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TINYSTORIES_DATASET, TINYSTORIES_TRAIN_FILE } from "../../../src/lib/baselines/hubTrainingText.ts";
import { loadTrainingText, storiesSha256 } from "../../../src/lib/baselines/trainingText.ts";
import { sha256 } from "../../../src/lib/io/hashCache.ts";
import { repoRoot } from "../../sharedPath.ts";
import { fakeDatasetHub, fakeHubUrl, fakeTrainText } from "./fakeDatasetHub.ts";
import { haveSharedData, sharedTrainFile } from "./sharedTraining.ts";

// A repository root beside a shared/ folder, as /work/main and /work/shared are.
let tmp: string;
let root: string;
let cacheDir: string;
const sharedJson = () => path.join(tmp, "shared", "data", "tinystories-train-first1000.json");
const local = ["One day, Lily found a needle.", "Tom had a red ball.", "  Once upon a time, there was a cat.\n"];

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "atlas-traintext-"));
  root = path.join(tmp, "main");
  cacheDir = path.join(tmp, "cache");
  await mkdir(root);
  await mkdir(path.dirname(sharedJson()), { recursive: true });
  await writeFile(sharedJson(), JSON.stringify(local));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const hub = fakeDatasetHub(TINYSTORIES_DATASET, TINYSTORIES_TRAIN_FILE, new TextEncoder().encode(fakeTrainText(1200).text));
const load = (env: Record<string, string>) => loadTrainingText({ root, env, cacheDir, fetch: hub.fetch, hubUrl: fakeHubUrl });

describe("loadTrainingText", () => {
  it("defaults to ../shared/data/tinystories-train-first1000.json, stories trimmed, hash of exactly them", async () => {
    const text = await load({});
    const stories = local.map((s) => s.trim());
    expect(text.stories).toEqual(stories);
    expect(text.source).toBe(sharedJson());
    expect(text.sha256).toBe(sha256(stories.join("<|endoftext|>")));
    expect(text.description).toBe(`the first 3 stories of ${sharedJson()}`);
  });

  it("ATLAS_TRAIN_STORIES keeps the first N", async () => {
    const text = await load({ ATLAS_TRAIN_STORIES: "2" });
    expect(text.stories).toEqual(local.slice(0, 2));
    expect(text.sha256).toBe(storiesSha256(local.slice(0, 2)));
    expect(text.sha256).not.toBe((await load({})).sha256);
  });

  it("ATLAS_TRAIN_TEXT reads <|endoftext|>-separated text, relative to the root; same stories, same hash", async () => {
    await writeFile(path.join(root, "train.txt"), local.map((s) => `${s.trim()}\n<|endoftext|>\n`).join(""));
    const text = await load({ ATLAS_TRAIN_TEXT: "train.txt" });
    expect(text.stories).toEqual(local.map((s) => s.trim()));
    expect(text.source).toBe(path.join(root, "train.txt"));
    expect(text.sha256).toBe((await load({})).sha256);
  });

  it("goes to the hub for more stories than the shared file holds, or without it", async () => {
    const more = await load({ ATLAS_TRAIN_STORIES: "50" });
    expect(more.stories).toEqual(fakeTrainText(50).stories);
    expect(more.source).toBe(`hub dataset ${TINYSTORIES_DATASET} file ${TINYSTORIES_TRAIN_FILE} at main`);
    await rm(sharedJson());
    expect((await load({})).stories.length).toBe(1000);
    expect((await load({ ATLAS_TRAIN_TEXT: "hub", ATLAS_TRAIN_STORIES: "7" })).stories.length).toBe(7);
  });

  it("says what is wrong with the settings", async () => {
    await expect(load({ ATLAS_TRAIN_TEXT: "missing.json" })).rejects.toThrow(/ATLAS_TRAIN_TEXT: no file .*missing\.json/);
    await expect(load({ ATLAS_TRAIN_TEXT: sharedJson(), ATLAS_TRAIN_STORIES: "4" })).rejects.toThrow(/asks for 4 stories.*holds 3/);
    await expect(load({ ATLAS_TRAIN_STORIES: "many" })).rejects.toThrow(/positive integer/);
    await expect(load({ ATLAS_TRAIN_STORIES: "0" })).rejects.toThrow(/positive integer/);
    await writeFile(path.join(root, "bad.json"), JSON.stringify({ stories: [] }));
    await expect(load({ ATLAS_TRAIN_TEXT: "bad.json" })).rejects.toThrow(/not a JSON array of story strings/);
  });
});

describe.skipIf(!haveSharedData)("loadTrainingText on the shared data", () => {
  it("finds the shared training file from the repository root", async () => {
    const text = await loadTrainingText({ root: repoRoot, env: {}, cacheDir: path.join(os.tmpdir(), "atlas-unused") });
    expect(text.source).toBe(sharedTrainFile);
    expect(text.stories.length).toBe(1000);
    expect(text.stories[0]).toMatch(/^One day, a little girl named Lily found a needle in her room\./);
  });
});
