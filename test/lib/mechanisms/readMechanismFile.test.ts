// Reading data/mechanisms/<task>.json for the site's build: a missing file is no evidence (null), an invalid
// one a message naming the file, a valid one the parsed file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readMechanismFile } from "../../../src/lib/mechanisms/readMechanismFile.ts";
import { mechanismsDir } from "../figures/mechanismFiles.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-mechanisms-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("readMechanismFile", () => {
  it("reads a missing file as no evidence", () => {
    expect(readMechanismFile(dir, "nothing")).toEqual({ ok: true, file: null });
  });

  it("names the file and the first problem of an invalid or unreadable one", () => {
    fs.writeFileSync(path.join(dir, "old.json"), JSON.stringify({ schemaVersion: 1 }));
    fs.writeFileSync(path.join(dir, "broken.json"), "{");
    const old = readMechanismFile(dir, "old");
    expect(old.ok).toBe(false);
    if (!old.ok) expect(old.reason).toMatch(/old\.json is not a valid mechanism file \(task: Required\); run `atlas mechanisms`/);
    const broken = readMechanismFile(dir, "broken");
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.reason).toMatch(/broken\.json cannot be read/);
  });

  it("parses a real one", () => {
    const read = readMechanismFile(mechanismsDir, "induction");
    expect(read.ok && read.file?.task.id).toBe("induction");
  });
});
