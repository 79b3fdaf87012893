// The code version and the date recorded in result files. Both are stable across runs of the same
// commit, so two runs give byte-identical files; ATLAS_DATE pins the date explicitly.
import { execFileSync } from "node:child_process";

export interface CodeProvenance {
  codeVersion: string;
  date: string;
}

export function codeProvenance(root: string, env: Record<string, string | undefined>): CodeProvenance {
  const git = (...args: string[]): string | null => {
    try {
      return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return null;
    }
  };
  const head = git("rev-parse", "HEAD");
  // Tracked files only: generated data and caches are untracked and must not mark the code dirty.
  const dirty = head !== null && (git("status", "--porcelain", "--untracked-files=no") ?? "") !== "";
  const codeVersion = head === null ? "unknown" : `${head}${dirty ? "-dirty" : ""}`;
  const date = env.ATLAS_DATE ?? git("log", "-1", "--format=%cs") ?? "unknown";
  return { codeVersion, date };
}
