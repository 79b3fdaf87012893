// Writes the mechanism files atomically (each file whole or not at all) and removes files of tasks and
// models no longer configured, so data/mechanisms holds exactly one run's output.
import fs from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../io/atomicWrite.ts";
import { removeFilesExcept } from "../io/removeFilesExcept.ts";

/** files: path relative to outDir -> JSON value. Returns the absolute paths written. */
export function writeMechanisms(outDir: string, files: Map<string, unknown>): string[] {
  const written: string[] = [];
  for (const [rel, value] of files) {
    const target = path.join(outDir, rel);
    const text = JSON.stringify(value) + "\n";
    // Unchanged files are left alone, so a cached build does not touch data/ or public/.
    if (fs.existsSync(target) && fs.readFileSync(target, "utf8") === text) continue;
    writeFileAtomic(target, text);
    written.push(target);
  }
  // Only .json files are removed; anything else in the folder stays.
  removeFilesExcept(outDir, new Set([...files.keys()].map((r) => r.split(path.sep).join("/"))), (rel) => rel.endsWith(".json"));
  return written;
}
