// A report is all or nothing: a missing or broken input stops `atlas report` with one line naming the
// file, and the report folder from before is left exactly as it was.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../../scripts/atlas.ts";
import type { CliIo } from "../../../src/lib/cli/io.ts";
import { AtlasError } from "../../../src/lib/errors.ts";
import { writeReport } from "../../../src/lib/report/writeReport.ts";
import { capabilitiesDir, dataDir, removeSnapshot, readTree, tempDir } from "./reportTree.ts";

const parent = tempDir("atlas-report-errors-");
const data = path.join(parent, "data");
const outDir = path.join(parent, "report");
afterAll(() => {
  fs.rmSync(parent, { recursive: true, force: true });
  removeSnapshot();
});

/** A copy of the test data's inputs (result files, token manifest and analysis) and an old report beside it. */
beforeEach(() => {
  fs.rmSync(parent, { recursive: true, force: true });
  fs.cpSync(path.join(dataDir, "results"), path.join(data, "results"), { recursive: true });
  fs.mkdirSync(path.join(data, "tokens"), { recursive: true });
  for (const f of ["manifest.json", "analysis.json"]) fs.copyFileSync(path.join(dataDir, "tokens", f), path.join(data, "tokens", f));
  fs.mkdirSync(path.join(outDir, "tables"), { recursive: true });
  fs.writeFileSync(path.join(outDir, "numbers.tex"), "% the old report\n");
  fs.writeFileSync(path.join(outDir, "tables", "models.tex"), "% old table\n");
});

const options = () => ({ resultsDir: path.join(data, "results"), tokensDir: path.join(data, "tokens"), capabilitiesDir, outDir, root: parent });

async function failure(): Promise<string> {
  const before = readTree(outDir);
  const error = await writeReport(options()).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AtlasError);
  const message = (error as AtlasError).message;
  expect(message).not.toContain("\n");
  // Untouched: the same files with the same bytes, and no temp folder left beside it.
  const after = readTree(outDir);
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [f, bytes] of before) expect(after.get(f)!.equals(bytes)).toBe(true);
  expect(fs.readdirSync(parent).sort()).toEqual(["data", "report"]);
  return message;
}

describe("atlas report with a bad input", () => {
  it("names a missing result file of a capability page and writes nothing", async () => {
    fs.rmSync(path.join(data, "results", "induction.json"));
    expect(await failure()).toMatch(/^file data\/results\/induction\.json: missing \(.*capabilities\/induction\.mdx lists task induction; run `npm run data`\)$/);
  });

  it("names a result file that is not JSON or not a result file", async () => {
    fs.writeFileSync(path.join(data, "results", "ioi.json"), "{");
    expect(await failure()).toMatch(/^file data\/results\/ioi\.json: is not valid JSON/);
    fs.writeFileSync(path.join(data, "results", "ioi.json"), JSON.stringify({ schemaVersion: 1 }));
    expect(await failure()).toMatch(/^file data\/results\/ioi\.json: not a valid result file: task: Required \(and \d+ more problems\)$/);
  });

  it("names a missing per-token manifest", async () => {
    fs.rmSync(path.join(data, "tokens", "manifest.json"));
    expect(await failure()).toMatch(/^file data\/tokens\/manifest\.json: missing \(run `atlas tokens`\)$/);
  });

  it("fails the command with one line on stderr and exit code 1", async () => {
    fs.rmSync(path.join(data, "results", "ngrams.json"));
    let err = "";
    const io: CliIo = { out: () => {}, err: (t) => (err += t), env: { ATLAS_DATA: data }, isTty: false };
    expect(await main(["report", "--out", outDir], io)).toBe(1);
    expect(err).toMatch(/^atlas: file .*data\/results\/ngrams\.json: missing \(.*\)\n$/);
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(fs.readFileSync(path.join(outDir, "numbers.tex"), "utf8")).toBe("% the old report\n");
  });
});
