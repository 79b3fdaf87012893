// The real mechanism files under data/mechanisms (or $ATLAS_DATA/mechanisms), written by `atlas mechanisms`
// (the test setup runs it), parsed with the mechanism schema, by task id.
import fs from "node:fs";
import path from "node:path";
import { type MechanismFile, mechanismFileSchema } from "../../../src/lib/mechanisms/mechanismSchema.ts";

export const mechanismsDir = path.join(process.env.ATLAS_DATA ?? "data", "mechanisms");

export function loadMechanismFiles(): Map<string, MechanismFile> {
  if (!fs.existsSync(mechanismsDir) || !fs.readdirSync(mechanismsDir).some((f) => f.endsWith(".json"))) {
    throw new Error(`${mechanismsDir} has no mechanism files: run \`atlas mechanisms\` first (it writes one per task)`);
  }
  const files = fs
    .readdirSync(mechanismsDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => mechanismFileSchema.parse(JSON.parse(fs.readFileSync(path.join(mechanismsDir, f), "utf8"))));
  return new Map(files.map((f) => [f.task.id, f]));
}
