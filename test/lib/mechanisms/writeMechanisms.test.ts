// writeMechanisms: each file written whole, unchanged files left alone, and stale .json files of tasks and
// models no longer configured removed (with the folders they leave empty); other files are kept.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeMechanisms } from "../../../src/lib/mechanisms/writeMechanisms.ts";

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("writeMechanisms", () => {
  it("writes changed files, keeps unchanged ones and removes stale .json files only", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-mech-write-"));
    temps.push(dir);
    const put = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    put("ioi.json", "{\"a\":1}\n");
    put("gone.json", "{}\n");
    put("items/gone/m.json", "{}\n");
    put("items/ioi/old.json", "{}\n");
    put("notes.txt", "kept");
    put("items/ioi/keep.txt", "kept");
    const files = new Map<string, unknown>([
      ["ioi.json", { a: 1 }],
      ["induction.json", { b: 2 }],
      [path.join("items", "ioi", "m.json"), { items: [] }],
    ]);
    const written = writeMechanisms(dir, files);
    expect(written.sort()).toEqual([path.join(dir, "induction.json"), path.join(dir, "items", "ioi", "m.json")].sort());
    expect(fs.readFileSync(path.join(dir, "items/ioi/m.json"), "utf8")).toBe("{\"items\":[]}\n");
    expect(fs.existsSync(path.join(dir, "gone.json"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "items/ioi/old.json"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "items/gone"))).toBe(false);
    expect(fs.readFileSync(path.join(dir, "notes.txt"), "utf8")).toBe("kept");
    expect(fs.existsSync(path.join(dir, "items/ioi/keep.txt"))).toBe(true);
    expect(writeMechanisms(dir, files)).toEqual([]);
  });

  it("writes into a folder that does not exist yet", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-mech-write-"));
    temps.push(root);
    const dir = path.join(root, "mechanisms");
    expect(writeMechanisms(dir, new Map([["x.json", 1]]))).toEqual([path.join(dir, "x.json")]);
  });
});
