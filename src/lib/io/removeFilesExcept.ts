// Removes what an earlier run left in an output folder and this run did not produce, so the folder holds
// exactly one run's output.
import fs from "node:fs";
import path from "node:path";

/**
 * Removes every file under `dir` whose posix path relative to `dir` is not in `keep` and passes `only`
 * (default: every file), then every folder left empty (never `dir` itself). Returns the removed files'
 * absolute paths; nothing where `dir` does not exist.
 */
export function removeFilesExcept(dir: string, keep: ReadonlySet<string>, only: (rel: string) => boolean = () => true): string[] {
  if (!fs.existsSync(dir)) return [];
  const removed: string[] = [];
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.posix.join(sub, entry.name);
      const full = path.join(dir, rel);
      if (entry.isDirectory()) {
        walk(rel);
        if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
      } else if (only(rel) && !keep.has(rel)) {
        fs.rmSync(full, { force: true });
        removed.push(full);
      }
    }
  };
  walk("");
  return removed;
}
