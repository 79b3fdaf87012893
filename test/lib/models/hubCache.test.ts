import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AtlasError } from "../../../src/lib/errors.ts";
import { ensureHubSnapshot, type DownloadProgress, type EnsureHubSnapshotOptions } from "../../../src/lib/models/hubCache.ts";
import { fakeHub, fakeHubUrl, sha256Hex, type FakeRepo } from "./fakeHub.ts";

const repoId = "roneneldan/TinyStories-1M";
const commit = "0123456789abcdef0123456789abcdef01234567";
const weights = new Uint8Array(randomBytes(3000));
const config = new TextEncoder().encode('{"model_type": "gpt_neo"}\n');
const files = ["config.json", "pytorch_model.bin"];

function repo(overrides: Partial<FakeRepo["files"]> = {}): Record<string, FakeRepo> {
  return {
    [repoId]: {
      commit,
      files: { "config.json": { content: config }, "pytorch_model.bin": { content: weights, lfs: true }, ...overrides } as FakeRepo["files"],
    },
  };
}

/** Fails the test if the code under test touches the network. */
const noNetwork: typeof fetch = async (input) => {
  throw new Error(`unexpected fetch of ${String(input)}`);
};

let cacheDir: string;
beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "atlas-hub-cache-"));
});
afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

const base = (): EnsureHubSnapshotOptions => ({ repo: repoId, revision: "main", files, cacheDir, hubUrl: fakeHubUrl, offline: false, env: {} });
const snapshotFolder = () => path.join(cacheDir, "models--roneneldan--TinyStories-1M", "snapshots", commit);
const manifestFile = () => path.join(cacheDir, "models--roneneldan--TinyStories-1M", "manifests", `${commit}.json`);

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

describe("ensureHubSnapshot", () => {
  it("downloads the files, checks them and writes the manifest", async () => {
    const hub = fakeHub(repo());
    const events: DownloadProgress[] = [];
    const snapshot = await ensureHubSnapshot({ ...base(), fetch: hub.fetch, progress: (e) => events.push(e) });

    expect(snapshot.commit).toBe(commit);
    expect(snapshot.folder).toBe(snapshotFolder());
    expect(new Uint8Array(await readFile(path.join(snapshot.folder, "pytorch_model.bin")))).toEqual(weights);
    expect(new Uint8Array(await readFile(path.join(snapshot.folder, "config.json")))).toEqual(config);
    expect(snapshot.files).toEqual({
      "config.json": { sha256: sha256Hex(config), size: config.byteLength },
      "pytorch_model.bin": { sha256: sha256Hex(weights), size: weights.byteLength },
    });
    const manifest = JSON.parse(await readFile(manifestFile(), "utf8"));
    expect(manifest).toEqual({ repo: repoId, commit, files: snapshot.files });
    expect((await readdir(snapshot.folder)).sort()).toEqual(files);
    expect(events.at(-1)).toMatchObject({ repo: repoId, bytes: 3000, total: 3000 });
    // Whole files: no Range on the content requests.
    expect(hub.contentCalls().map((c) => c.range)).toEqual([null, null]);

    // Cached: "main" is resolved again (it may have moved), nothing is downloaded.
    const again = fakeHub(repo());
    expect(await ensureHubSnapshot({ ...base(), fetch: again.fetch })).toEqual(snapshot);
    expect(again.calls.map((c) => c.method + " " + new URL(c.url).pathname)).toEqual([`GET /api/models/${repoId}/revision/main`]);
    // A commit hash that is cached needs no request at all.
    expect(await ensureHubSnapshot({ ...base(), revision: commit, fetch: noNetwork })).toEqual(snapshot);
  });

  it("resumes an interrupted download with a Range request", async () => {
    const first = fakeHub(repo(), { cutAfter: { file: "pytorch_model.bin", bytes: 1000 } });
    const error = await rejection(ensureHubSnapshot({ ...base(), fetch: first.fetch }));
    expect(error).toBeInstanceOf(AtlasError);
    expect(error.message).toMatch(/file pytorch_model\.bin: download from roneneldan\/TinyStories-1M@0123\w+ stopped after 1000 of 3000 bytes/);
    expect(error.message).toContain("connection reset by fake hub");
    const partial = path.join(snapshotFolder(), "pytorch_model.bin.partial");
    expect((await stat(partial)).size).toBe(1000);
    expect(existsSync(path.join(snapshotFolder(), "pytorch_model.bin"))).toBe(false);
    expect(existsSync(manifestFile())).toBe(false);

    const second = fakeHub(repo());
    const snapshot = await ensureHubSnapshot({ ...base(), fetch: second.fetch });
    const contentRanges = second.contentCalls().map((c) => c.range);
    // config.json was completed in the first run (renamed, not yet in a manifest): checked again, not fetched.
    expect(contentRanges).toEqual(["bytes=1000-2999"]);
    expect(new Uint8Array(await readFile(path.join(snapshot.folder, "pytorch_model.bin")))).toEqual(weights);
    expect(snapshot.files["pytorch_model.bin"]).toEqual({ sha256: sha256Hex(weights), size: 3000 });
    expect(existsSync(partial)).toBe(false);
    expect(existsSync(manifestFile())).toBe(true);
  });

  it("starts over when the server ignores the Range and sends the whole file", async () => {
    const first = fakeHub(repo(), { cutAfter: { file: "pytorch_model.bin", bytes: 1000 } });
    await rejection(ensureHubSnapshot({ ...base(), fetch: first.fetch }));
    const second = fakeHub(repo(), { ignoreRange: true });
    const snapshot = await ensureHubSnapshot({ ...base(), fetch: second.fetch });
    expect(second.contentCalls().map((c) => c.range)).toEqual(["bytes=1000-2999"]);
    expect(new Uint8Array(await readFile(path.join(snapshot.folder, "pytorch_model.bin")))).toEqual(weights);
  });

  it("discards a download whose sha256 is not the hub's, leaving the cache as it was", async () => {
    const corrupted = new Uint8Array(weights);
    corrupted[1234] ^= 0xff;
    const hub = fakeHub(repo({ "pytorch_model.bin": { content: weights, lfs: true, served: corrupted } }));
    const error = await rejection(ensureHubSnapshot({ ...base(), files: ["pytorch_model.bin"], fetch: hub.fetch }));
    expect(error).toBeInstanceOf(AtlasError);
    expect(error.message).toBe(
      `model ${repoId}, file pytorch_model.bin: sha256 mismatch: expected ${sha256Hex(weights)} (hub LFS), ` +
        `got ${sha256Hex(corrupted)} for pytorch_model.bin of ${repoId}@${commit}; the download was discarded`,
    );
    expect(existsSync(path.join(snapshotFolder(), "pytorch_model.bin"))).toBe(false);
    expect(existsSync(path.join(snapshotFolder(), "pytorch_model.bin.partial"))).toBe(false);
    expect(existsSync(manifestFile())).toBe(false);
  });

  it("checks a pinned sha256 as well", async () => {
    const pinned = "ab".repeat(32);
    // Against the hub's LFS sha256 before any download...
    const hub = fakeHub(repo());
    const error = await rejection(ensureHubSnapshot({ ...base(), fetch: hub.fetch, expected: { "pytorch_model.bin": { sha256: pinned } } }));
    expect(error.message).toBe(`model ${repoId}, file pytorch_model.bin: pinned sha256 ${pinned} but the hub's LFS sha256 is ${sha256Hex(weights)}`);
    expect(hub.contentCalls()).toEqual([]);
    // ...and against the content of a file that has no LFS sha256.
    const plain = fakeHub(repo());
    const error2 = await rejection(ensureHubSnapshot({ ...base(), files: ["config.json"], fetch: plain.fetch, expected: { "config.json": { sha256: pinned } } }));
    expect(error2.message).toContain(`sha256 mismatch: expected ${pinned} (pinned), got ${sha256Hex(config)}`);
    expect(existsSync(path.join(snapshotFolder(), "config.json"))).toBe(false);
  });

  it("offline, serves a complete cache without any request", async () => {
    const online = await ensureHubSnapshot({ ...base(), fetch: fakeHub(repo()).fetch });
    expect(await ensureHubSnapshot({ ...base(), offline: true, fetch: noNetwork })).toEqual(online);
    // HF_HUB_OFFLINE=1 means the same.
    expect(await ensureHubSnapshot({ ...base(), offline: undefined, env: { HF_HUB_OFFLINE: "1" }, fetch: noNetwork })).toEqual(online);
  });

  it("offline, names the missing files, the repo@revision and where it looked", async () => {
    await ensureHubSnapshot({ ...base(), files: ["config.json"], fetch: fakeHub(repo()).fetch });
    const error = await rejection(ensureHubSnapshot({ ...base(), offline: true, fetch: noNetwork }));
    expect(error).toBeInstanceOf(AtlasError);
    expect(error.message).toBe(
      `model ${repoId}: offline, and 1 of 2 files of ${repoId}@main (commit ${commit}) are not in the cache: ` +
        `missing pytorch_model.bin (looked in ${snapshotFolder()} with manifest ${manifestFile()})`,
    );
    const never = await rejection(ensureHubSnapshot({ ...base(), revision: "v2", offline: true, fetch: noNetwork }));
    expect(never.message).toMatch(
      /offline, and roneneldan\/TinyStories-1M@v2 is not in the cache: missing config\.json, pytorch_model\.bin \(no commit recorded for revision "v2" at .*refs\/v2\)$/,
    );
  });

  it("says in one line that a repo does not exist", async () => {
    const hub = fakeHub(repo());
    const error = await rejection(ensureHubSnapshot({ ...base(), repo: "nobody/no-such-model", fetch: hub.fetch }));
    expect(error).toBeInstanceOf(AtlasError);
    expect(error.message).toBe(
      `model nobody/no-such-model: hub repo nobody/no-such-model not found at ${fakeHubUrl}: check the id (a private or gated repo needs HF_TOKEN)`,
    );
    expect(existsSync(path.join(cacheDir, "models--nobody--no-such-model"))).toBe(false);
  });

  it("names files the repo does not have, and unknown revisions", async () => {
    const hub = fakeHub(repo());
    const error = await rejection(ensureHubSnapshot({ ...base(), files: ["config.json", "model.safetensors"], fetch: hub.fetch }));
    expect(error.message).toBe(`model ${repoId}: ${repoId}@${commit} has no file model.safetensors`);
    const rev = await rejection(ensureHubSnapshot({ ...base(), revision: "nope", fetch: hub.fetch }));
    expect(rev.message).toMatch(/^model roneneldan\/TinyStories-1M: revision nope not found in hub repo roneneldan\/TinyStories-1M/);
  });

  it("rejects file names that leave the snapshot folder", async () => {
    const error = await rejection(ensureHubSnapshot({ ...base(), files: ["../evil"], fetch: noNetwork }));
    expect(error.message).toContain(`"../evil" is not a relative file name inside the repo`);
  });
});
