// `atlas site-assets` publishes data/mechanisms as public/mechanisms: every file, stale ones removed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { publishSiteAssets } from "../../../src/lib/site/publishSiteAssets.ts";

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("publishing mechanism evidence", () => {
  it("copies data/mechanisms into public/mechanisms and removes files no longer there", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-mech-publish-"));
    temps.push(root);
    const put = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    put("ort/x.mjs", "export default 1;");
    put("ort/x.wasm", "\0asm");
    put("data/mechanisms/ioi.json", "{}");
    put("data/mechanisms/items/ioi/m.json", "{\"items\":[]}");
    put("public/mechanisms/gone.json", "{}");
    const publicDir = path.join(root, "public");
    const input = { publicDir, models: [], ortDir: path.join(root, "ort"), ortFiles: { mjs: "x.mjs", wasm: "x.wasm" }, ortVersion: "1", mechanismsDir: path.join(root, "data/mechanisms") };
    const report = await publishSiteAssets(input);
    expect(fs.readFileSync(path.join(publicDir, "mechanisms/items/ioi/m.json"), "utf8")).toBe("{\"items\":[]}");
    expect(fs.existsSync(path.join(publicDir, "mechanisms/ioi.json"))).toBe(true);
    expect(report.removed).toContain(path.join("mechanisms", "gone.json"));
    const again = await publishSiteAssets(input);
    expect(again.written.filter((f) => f.startsWith("mechanisms"))).toEqual([]);
  });
});
