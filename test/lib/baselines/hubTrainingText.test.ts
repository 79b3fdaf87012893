import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hubTrainingStories, storiesOfPrefix, TINYSTORIES_DATASET, TINYSTORIES_TRAIN_FILE } from "../../../src/lib/baselines/hubTrainingText.ts";
import { fakeDatasetHub, fakeHubUrl, fakeTrainText } from "./fakeDatasetHub.ts";

let cacheDir: string;
beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "atlas-hubtext-"));
});
afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

// ~330 KB: 10 stories plus the 64 KiB margin are a small part of it.
const { text, stories: all } = fakeTrainText(1000);
const bytes = new TextEncoder().encode(text);

function options(hub: ReturnType<typeof fakeDatasetHub>, stories: number) {
  return { stories, cacheDir, fetch: hub.fetch, hubUrl: fakeHubUrl, env: {} };
}

describe("hubTrainingStories", () => {
  it("downloads only a prefix, by Range, caches it, and a second call makes no request", async () => {
    const hub = fakeDatasetHub(TINYSTORIES_DATASET, TINYSTORIES_TRAIN_FILE, bytes);
    const first = await hubTrainingStories(options(hub, 10));
    expect(first.stories).toEqual(all.slice(0, 10));
    expect(first.source).toBe(`hub dataset ${TINYSTORIES_DATASET} file ${TINYSTORIES_TRAIN_FILE} at main`);
    // The probe, then one ranged read from byte 0 covering ~10 stories plus margin, far short of the file.
    expect(hub.calls[0].range).toBe("bytes=0-0");
    expect(hub.calls[0].url).toBe(`${fakeHubUrl}/datasets/${TINYSTORIES_DATASET}/resolve/main/${TINYSTORIES_TRAIN_FILE}`);
    const reads = hub.contentCalls();
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads[0].range).toMatch(/^bytes=0-\d+$/);
    expect(Number(/-(\d+)$/.exec(reads[0].range!)![1])).toBeLessThan(bytes.length / 3);

    const before = hub.calls.length;
    const again = await hubTrainingStories(options(hub, 10));
    expect(again.stories).toEqual(first.stories);
    const fewer = await hubTrainingStories(options(hub, 3));
    expect(fewer.stories).toEqual(all.slice(0, 3));
    expect(hub.calls.length).toBe(before);
  });

  it("reads on from the cached prefix when more stories are asked for", async () => {
    const big = fakeTrainText(2000);
    const bigBytes = new TextEncoder().encode(big.text);
    const hub = fakeDatasetHub(TINYSTORIES_DATASET, TINYSTORIES_TRAIN_FILE, bigBytes);
    await hubTrainingStories(options(hub, 10));
    const firstEnd = Number(/-(\d+)$/.exec(hub.contentCalls().at(-1)!.range!)![1]);
    expect(firstEnd + 1).toBeLessThan(bigBytes.length);
    const more = await hubTrainingStories(options(hub, 1500));
    expect(more.stories).toEqual(big.stories.slice(0, 1500));
    const reads = hub.contentCalls();
    expect(reads.length).toBeGreaterThanOrEqual(2);
    // The next read starts where the cache ended: nothing is fetched twice.
    expect(reads[1].range).toMatch(new RegExp(`^bytes=${firstEnd + 1}-`));
  });

  it("gives all stories of a file shorter than asked", async () => {
    const hub = fakeDatasetHub(TINYSTORIES_DATASET, TINYSTORIES_TRAIN_FILE, bytes);
    const got = await hubTrainingStories(options(hub, 5000));
    expect(got.stories).toEqual(all);
    const before = hub.calls.length;
    expect((await hubTrainingStories(options(hub, 5000))).stories.length).toBe(1000);
    expect(hub.calls.length).toBe(before);
  });

  it("offline, uses the cache only and says what is missing", async () => {
    const hub = fakeDatasetHub(TINYSTORIES_DATASET, TINYSTORIES_TRAIN_FILE, new TextEncoder().encode(fakeTrainText(1000).text));
    await expect(hubTrainingStories({ ...options(hub, 10), env: { HF_HUB_OFFLINE: "1" } })).rejects.toThrow(/offline.*holds 0 of the 10 stories/);
    expect(hub.calls).toEqual([]);
    await hubTrainingStories(options(hub, 10));
    const cached = await hubTrainingStories({ ...options(hub, 10), offline: true });
    expect(cached.stories.length).toBe(10);
  });

  it("names a file the hub does not have", async () => {
    const hub = fakeDatasetHub(TINYSTORIES_DATASET, "other.txt", bytes);
    await expect(hubTrainingStories(options(hub, 10))).rejects.toThrow(/does not exist/);
  });
});

describe("storiesOfPrefix", () => {
  it("drops the piece after the last separator unless the prefix is the whole file", () => {
    const prefix = new TextEncoder().encode("A.\n<|endoftext|>\nB é.\n<|endoftext|>\nC is cut");
    expect(storiesOfPrefix(prefix, false)).toEqual(["A.", "B é."]);
    expect(storiesOfPrefix(prefix, true)).toEqual(["A.", "B é.", "C is cut"]);
    // A cut inside a multi-byte character or inside the separator stays in the dropped piece.
    const cut = new TextEncoder().encode("A.\n<|endoftext|>\nB 🦖");
    expect(storiesOfPrefix(cut.slice(0, cut.length - 2), false)).toEqual(["A."]);
    expect(storiesOfPrefix(new TextEncoder().encode("A.\n<|endoftext|>\nB.\n<|endo"), false)).toEqual(["A."]);
  });
});

describe("hubTrainingStories when the hub's file changes", () => {
  it("starts again rather than extend a prefix of another file", async () => {
    const oldFile = fakeTrainText(2000);
    await hubTrainingStories(options(fakeDatasetHub(TINYSTORIES_DATASET, TINYSTORIES_TRAIN_FILE, new TextEncoder().encode(oldFile.text)), 10));
    const newStories = fakeTrainText(2500).stories.map((s) => s.replace("Story", "Tale"));
    const newText = newStories.map((s) => `${s}\n<|endoftext|>\n`).join("");
    const hub = fakeDatasetHub(TINYSTORIES_DATASET, TINYSTORIES_TRAIN_FILE, new TextEncoder().encode(newText));
    const got = await hubTrainingStories(options(hub, 1500));
    expect(got.stories).toEqual(newStories.slice(0, 1500));
    expect(hub.contentCalls()[0].range).toMatch(/^bytes=0-/);
  });
});
