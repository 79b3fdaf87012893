// readTokenManifestFile: a valid manifest comes back parsed; every kind of bad file is one AtlasError
// that names the file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AtlasError } from "../../../src/lib/errors.ts";
import { readTokenManifestFile, tokenManifestSchema } from "../../../src/lib/tokens/tokenFiles.ts";

const tokensDir = path.join(process.env.ATLAS_DATA!, "tokens");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-manifest-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("readTokenManifestFile", () => {
  it("parses the manifest `atlas tokens` wrote, as the schema does", () => {
    const file = path.join(tokensDir, "manifest.json");
    expect(readTokenManifestFile(file)).toEqual(tokenManifestSchema.parse(JSON.parse(fs.readFileSync(file, "utf8"))));
  });

  it("names the file when it is missing, not JSON, or not a manifest", () => {
    const missing = path.join(scratch, "missing.json");
    const notJson = path.join(scratch, "not-json.json");
    const invalid = path.join(scratch, "invalid.json");
    fs.writeFileSync(notJson, "{x");
    fs.writeFileSync(invalid, JSON.stringify({ formatVersion: 1 }));
    expect(() => readTokenManifestFile(missing)).toThrow(new AtlasError("is missing", { file: missing }));
    expect(() => readTokenManifestFile(notJson)).toThrow(`file ${notJson}: cannot be read as JSON`);
    expect(() => readTokenManifestFile(invalid)).toThrow(`file ${invalid}: is not a valid per-token manifest: text: Required`);
    for (const file of [missing, notJson, invalid]) expect(() => readTokenManifestFile(file)).toThrow(AtlasError);
  });
});
