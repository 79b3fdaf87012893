// Writes the mechanism files atomically (each file whole or not at all) and removes files of tasks and
// models no longer configured, so data/mechanisms holds exactly one run's output.
import fs from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../io/atomicWrite.ts";

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
  removeStale(outDir, new Set([...files.keys()].map((r) => r.split(path.sep).join("/"))));
  return written;
}

function removeStale(dir: string, keep: Set<string>, sub = ""): void {
  if (!fs.existsSync(path.join(dir, sub))) return;
  for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
    const rel = path.posix.join(sub, entry.name);
    const full = path.join(dir, rel);
    if (entry.isDirectory()) {
      removeStale(dir, keep, rel);
      if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
    } else if (entry.name.endsWith(".json") && !keep.has(rel)) fs.rmSync(full);
  }
}
