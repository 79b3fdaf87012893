// Helpers for the report tests: where the test data is, a report written from it into a temp folder, and
// a folder's files with their bytes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeReport } from "../../../src/lib/report/writeReport.ts";
import { repoRoot } from "../../sharedPath.ts";

export const dataDir = path.resolve(repoRoot, process.env.ATLAS_DATA ?? "data");

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A snapshot of the capability pages, taken once per test file: pages are edited while tests run, and a
 * report and the checks of it must read the same pages. Removed by the caller (`removeSnapshot`).
 */
export const capabilitiesDir = path.join(tempDir("atlas-capabilities-"), "capabilities");
fs.cpSync(path.join(repoRoot, "src", "content", "capabilities"), capabilitiesDir, { recursive: true });

export function removeSnapshot(): void {
  fs.rmSync(path.dirname(capabilitiesDir), { recursive: true, force: true });
}

/** A report of the test data in a new temp folder (the report itself is its `report` subfolder). */
export async function reportOfTestData(parent = tempDir("atlas-report-")): Promise<string> {
  const outDir = path.join(parent, "report");
  await writeReport({
    resultsDir: path.join(dataDir, "results"),
    tokensDir: path.join(dataDir, "tokens"),
    mechanismsDir: path.join(dataDir, "mechanisms"),
    capabilitiesDir,
    outDir,
    root: repoRoot,
    siteUrl: "https://example.org/atlas/",
  });
  return outDir;
}

/** Every file under a folder, relative path (forward slashes) -> bytes, sorted by path. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out.set(rel, fs.readFileSync(path.join(dir, rel)));
    }
  };
  walk("");
  return out;
}

/** numbers.tex as name -> LaTeX value. */
export function parseNumbersTex(text: string): Map<string, string> {
  const macros = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^\\newcommand\{\\([^}]*)\}\{(.*)\}% /.exec(line);
    if (!m) continue;
    if (macros.has(m[1])) throw new Error(`\\${m[1]} defined twice`);
    macros.set(m[1], m[2]);
  }
  return macros;
}

/** Problems with braces and environments in a LaTeX file (comments and escaped braces ignored). */
export function latexStructureProblems(text: string): string[] {
  const problems: string[] = [];
  const envs: string[] = [];
  let depth = 0;
  text.split("\n").forEach((raw, n) => {
    const line = raw.replace(/(^|[^\\])%.*$/, "$1");
    for (let i = 0; i < line.length; i++) {
      if (line[i] === "\\") {
        i++; // the escaped character (\{, \}, \%, \\) is no brace
        continue;
      }
      if (line[i] === "{") depth++;
      if (line[i] === "}" && --depth < 0) problems.push(`line ${n + 1}: unmatched }`);
    }
    for (const m of line.matchAll(/\\(begin|end)\{([^}]+)\}/g)) {
      if (m[1] === "begin") envs.push(m[2]);
      else if (envs.pop() !== m[2]) problems.push(`line ${n + 1}: \\end{${m[2]}} does not close the open environment`);
    }
  });
  if (depth > 0) problems.push(`${depth} unclosed {`);
  if (envs.length) problems.push(`unclosed environments: ${envs.join(", ")}`);
  return problems;
}
