import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readZip } from "../../../src/lib/models/readZip.ts";
import { sharedDir } from "../../sharedPath.ts";
import { writeZip } from "./torchZipFixture.ts";

describe("readZip", () => {
  it("reads torch.save's zip64 archive: every storage entry, data 64-byte aligned", () => {
    const file = path.join(sharedDir, "models", "tiny-random-gpt-neo", "pytorch_model.bin");
    const bytes = readFileSync(file);
    const entries = readZip(bytes, file);
    expect(entries.size).toBe(36);
    expect([...entries.keys()].slice(0, 2)).toEqual(["pytorch_model/data.pkl", "pytorch_model/data/0"]);
    expect(new TextDecoder().decode(entries.get("pytorch_model/version"))).toBe("3\n");
    const wte = entries.get("pytorch_model/data/0")!;
    expect(wte.byteLength).toBe(50257 * 32 * 4);
    expect(wte.buffer).toBe(bytes.buffer); // a view, not a copy
    expect((wte.byteOffset - bytes.byteOffset) % 64).toBe(0);
  });

  it("reads a plain zip without zip64 records", () => {
    const zip = writeZip([{ name: "a/b", data: new Uint8Array([1, 2, 3]) }, { name: "c", data: new Uint8Array() }]);
    const entries = readZip(zip, "x.zip");
    expect([...entries]).toEqual([["a/b", new Uint8Array([1, 2, 3])], ["c", new Uint8Array()]]);
  });

  it("reports entries whose data runs past the end of the file", () => {
    const zip = writeZip([{ name: "a", data: new Uint8Array(100) }]);
    // Make the central directory claim 1,000 bytes for the 100-byte entry.
    const view = new DataView(zip.buffer);
    const dirOffset = view.getUint32(zip.length - 6, true);
    view.setUint32(dirOffset + 20, 1000, true);
    view.setUint32(dirOffset + 24, 1000, true);
    expect(() => readZip(zip, "x.zip", "m")).toThrow(
      `model m, file x.zip: truncated or corrupt zip: data of a at byte 31 runs past the end of the ${zip.length}-byte file`,
    );
  });

  it("reports an empty or tiny file as not a zip", () => {
    expect(() => readZip(new Uint8Array(3), "x.zip")).toThrow("file x.zip: truncated or not a zip file");
  });
});
