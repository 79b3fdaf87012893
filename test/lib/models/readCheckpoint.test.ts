import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../../src/lib/models/readCheckpoint.ts";
import { sharedDir } from "../../sharedPath.ts";
import { OP, PickleWriter, writeZip } from "./torchZipFixture.ts";

const tinyFolder = path.join(sharedDir, "models", "tiny-random-gpt-neo");
const tempDirs: string[] = [];

/** A fresh temp folder holding the given files. */
function folderWith(files: Record<string, Uint8Array | string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-checkpoint-"));
  tempDirs.push(dir);
  for (const [name, data] of Object.entries(files)) writeFileSync(path.join(dir, name), data);
  return dir;
}

afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The error readCheckpoint rejects with, checked to be one line. */
async function failure(folder: string, opts?: Parameters<typeof readCheckpoint>[1]): Promise<string> {
  const error = await readCheckpoint(folder, opts).then(
    () => expect.fail("readCheckpoint should have failed"),
    (e: unknown) => e as Error,
  );
  expect(error.name).toBe("AtlasError");
  expect(error.message).not.toContain("\n");
  return error.message;
}

describe("readCheckpoint", () => {
  it("picks model.safetensors where both are there, pytorch_model.bin when preferred", async () => {
    const safetensors = await readCheckpoint(tinyFolder);
    expect(safetensors.format).toBe("safetensors");
    expect(safetensors.file).toBe(path.join(tinyFolder, "model.safetensors"));
    const bin = await readCheckpoint(tinyFolder, { prefer: "bin" });
    expect(bin.format).toBe("pytorch");
    expect(bin.file).toBe(path.join(tinyFolder, "pytorch_model.bin"));
    expect([...bin.stateDict.keys()]).toEqual([...safetensors.stateDict.keys()]);
  });

  it("falls back to pytorch_model.bin when there is no model.safetensors", async () => {
    const folder = path.join(sharedDir, "models", "tinystories-8L-64-replica");
    const checkpoint = await readCheckpoint(folder, { model: "8L-64" });
    expect(checkpoint.format).toBe("pytorch");
    expect(checkpoint.stateDict.get("transformer.wte.weight")!.shape).toEqual([50257, 64]);
  });

  it("reports a truncated pytorch_model.bin (half of a real one)", async () => {
    const whole = readFileSync(path.join(tinyFolder, "pytorch_model.bin"));
    const folder = folderWith({ "pytorch_model.bin": whole.subarray(0, whole.length >> 1) });
    const file = path.join(folder, "pytorch_model.bin");
    expect(await failure(folder, { model: "tiny" })).toBe(
      `model tiny, file ${file}: truncated or not a zip file: no end-of-central-directory record in its last 65557 bytes`,
    );
  });

  it("reports a Git LFS pointer where the weights should be", async () => {
    const pointer = [
      "version https://git-lfs.github.com/spec/v1",
      "oid sha256:4f2b0b3a9a1e0c6f1f7a3b0c4c8c2d4d6e8f0a1b2c3d4e5f60718293a4b5c6d7",
      "size 33350208",
      "",
    ].join("\n");
    const folder = folderWith({ "pytorch_model.bin": pointer, "config.json": "{}" });
    expect(await failure(folder)).toBe(
      `file ${path.join(folder, "pytorch_model.bin")}: is a Git LFS pointer, not the weights: fetch the LFS object (git lfs pull)`,
    );
  });

  it("reports a missing weights file, naming the folder and both file names", async () => {
    const folder = folderWith({ "config.json": "{}" });
    expect(await failure(folder, { model: "m" })).toBe(
      `model m, file ${folder}: no weights file: looked for model.safetensors and pytorch_model.bin in this folder`,
    );
  });

  it("refuses a pickle that references a global outside the allowed table", async () => {
    // os.system("ls"): what a malicious checkpoint would do; it must be named, never called.
    const evil = new PickleWriter().global("os", "system").op(OP.MARK).str("ls").op(OP.TUPLE).op(OP.REDUCE).finish();
    const folder = folderWith({ "pytorch_model.bin": writeZip([{ name: "archive/data.pkl", data: evil }]) });
    expect(await failure(folder)).toBe(
      `file ${path.join(folder, "pytorch_model.bin")}: archive/data.pkl: pickle references os.system, which is not an allowed global`,
    );
  });

  it("reports a safetensors header that claims more bytes than the file has", async () => {
    const bytes = new Uint8Array(64);
    new DataView(bytes.buffer).setBigUint64(0, 1_000_000n, true);
    bytes.set(new TextEncoder().encode("{}"), 8);
    const folder = folderWith({ "model.safetensors": bytes });
    expect(await failure(folder)).toBe(
      `file ${path.join(folder, "model.safetensors")}: truncated or not a safetensors file: header of 1000000 bytes in a 64-byte file`,
    );
  });
});
