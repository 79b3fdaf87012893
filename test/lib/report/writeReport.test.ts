// `npm run report` on the test data (test/globalSetup.ts): the same inputs give the same bytes, numbers.tex
// holds the result files' numbers, the tables are well-formed and say what the result files say, the
// manifest's hashes are right, and the figures are the site's.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { figuresForResults } from "../../../src/lib/figures/registry.ts";
import { sha256 } from "../../../src/lib/io/hashCache.ts";
import { readCapabilities } from "../../../src/lib/report/capabilityFrontmatter.ts";
import { plainNumber } from "../../../src/lib/report/latexNumbers.ts";
import { mechanismFileSchema } from "../../../src/lib/mechanisms/mechanismSchema.ts";
import { idToLetters } from "../../../src/lib/report/macroNames.ts";
import { type ResultFile, resultFileSchema } from "../../../src/lib/results/resultSchema.ts";
import { fmt, metricInterval, orderedScorers } from "../../../src/lib/site/resultViews.ts";
import { tokenManifestSchema } from "../../../src/lib/tokens/tokenFiles.ts";
import { repoRoot } from "../../sharedPath.ts";
import { capabilitiesDir, dataDir, removeSnapshot, latexStructureProblems, parseNumbersTex, readTree, reportOfTestData, tempDir } from "./reportTree.ts";

const resultsDir = path.join(dataDir, "results");
const results: ResultFile[] = fs
  .readdirSync(resultsDir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => resultFileSchema.parse(JSON.parse(fs.readFileSync(path.join(resultsDir, f), "utf8"))));
const byTask = new Map(results.map((r) => [r.task.id, r]));
const tokens = tokenManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(dataDir, "tokens", "manifest.json"), "utf8")));
const mechanismsDir = path.join(dataDir, "mechanisms");
const mechanisms = new Map(
  results
    .filter((r) => fs.existsSync(path.join(mechanismsDir, `${r.task.id}.json`)))
    .map((r) => [r.task.id, mechanismFileSchema.parse(JSON.parse(fs.readFileSync(path.join(mechanismsDir, `${r.task.id}.json`), "utf8")))] as const),
);

const parents: string[] = [];
let report: string;
let tree: Map<string, Buffer>;
const text = (file: string) => tree.get(file)!.toString("utf8");

beforeAll(async () => {
  parents.push(tempDir("atlas-report-a-"));
  report = await reportOfTestData(parents[0]);
  tree = readTree(report);
});
afterAll(() => {
  for (const p of parents) fs.rmSync(p, { recursive: true, force: true });
  removeSnapshot();
});

describe("atlas report", () => {
  it("gives the same bytes from the same inputs", async () => {
    parents.push(tempDir("atlas-report-b-"));
    const again = readTree(await reportOfTestData(parents[1]));
    expect([...again.keys()]).toEqual([...tree.keys()]);
    for (const [file, bytes] of tree) expect(again.get(file)!.equals(bytes), file).toBe(true);
  });

  it("writes the tables, numbers, bibliography, readme and manifest", () => {
    for (const file of ["numbers.tex", "numbers.md", "tables/capability-matrix.tex", "tables/models.tex", "figures/index.tex", "atlas.bib", "README.md", "manifest.json"]) {
      expect(tree.has(file), file).toBe(true);
    }
    for (const r of results) expect(tree.has(`tables/${r.task.id}-verdicts.tex`)).toBe(true);
    expect(text("atlas.bib")).toContain("@misc{tinystories-atlas-2026,");
    expect(text("atlas.bib")).toContain("\\url{https://example.org/atlas/}");
    expect(text("atlas.bib")).toContain("eprint        = {2305.07759}");
  });

  it("has no clock time or temp path in any text file", () => {
    for (const [file, bytes] of tree) {
      if (file.endsWith(".png")) continue;
      const t = bytes.toString("utf8");
      expect(t, file).not.toContain(report);
      expect(t, file).not.toMatch(/\d{2}:\d{2}:\d{2}/);
    }
  });
});

describe("numbers.tex", () => {
  let macros: Map<string, string>;
  beforeAll(() => (macros = parseNumbersTex(text("numbers.tex"))));

  it("names every macro with letters only, once each, and lists each in numbers.md", () => {
    expect(macros.size).toBeGreaterThan(500);
    const md = text("numbers.md");
    for (const name of macros.keys()) {
      expect(name).toMatch(/^atlas[A-Za-z]+$/);
      expect(md).toContain(`| \`\\${name}\` |`);
    }
    const defined = [...text("numbers.tex").matchAll(/\\newcommand\{\\([^}]*)\}/g)].map((m) => m[1]);
    expect(new Set(defined).size).toBe(defined.length);
    expect(defined.length).toBe(macros.size);
  });

  it("follows the documented naming scheme", () => {
    expect(macros.has("atlasInductionTopOneTinystoriesEightLSixtyFourReplica")).toBe(true);
    expect(macros.has("atlasInductionTopOneTinystoriesEightLSixtyFourReplicaLow")).toBe(true);
    expect(macros.has("atlasLossTinystoriesOneLTwoHundredFiftySixReplica")).toBe(true);
    expect(text("numbers.tex")).toMatch(/^% Names:/m);
  });

  it("holds every task x scorer main metric, top-1 rate and logit difference of the result files, formatted as on the site", () => {
    const close = (latex: string, value: number) => {
      const plain = plainNumber(latex);
      expect(plain).toBe(fmt(value, 3));
      // The text is the number: read back, it is within rounding of the file's value.
      const tolerance = plain.includes("e") ? Math.abs(value) * 0.05 : 0.0005 + 1e-12;
      expect(Math.abs(Number(plain) - value)).toBeLessThanOrEqual(tolerance);
    };
    let checked = 0;
    for (const r of results) {
      const task = idToLetters(r.task.id);
      expect(macros.get(`atlas${task}Items`)).toBe(String(r.items.length));
      for (const s of orderedScorers(r.scorers)) {
        const a = r.aggregates[s.id];
        const scorer = idToLetters(s.id);
        const main = metricInterval(a, r.task.mainMetric)!;
        close(macros.get(`atlas${task}Main${scorer}`)!, main.value);
        close(macros.get(`atlas${task}Main${scorer}Low`)!, main.low);
        close(macros.get(`atlas${task}Main${scorer}High`)!, main.high);
        close(macros.get(`atlas${task}TopOne${scorer}`)!, a.top1_rate!.value);
        if (a.mean_logit_diff) close(macros.get(`atlas${task}LogitDiff${scorer}High`)!, a.mean_logit_diff.high);
        else expect(macros.has(`atlas${task}LogitDiff${scorer}`)).toBe(false);
        expect(macros.get(`atlas${task}Verdict${scorer}`)).toBe(a.has_capability ? "yes" : "no");
        checked++;
      }
    }
    expect(checked).toBe(results.reduce((n, r) => n + r.scorers.length, 0));
  });

  it("holds every scorer's mean loss and the per-token counts", () => {
    for (const s of tokens.scorers) {
      const name = `atlasLoss${idToLetters(s.info.id)}`;
      expect(plainNumber(macros.get(name)!)).toBe(fmt(s.meanLoss!.value, 3));
      expect(plainNumber(macros.get(`${name}Low`)!)).toBe(fmt(s.meanLoss!.low, 3));
    }
    expect(macros.get("atlasTokenStories")).toBe(String(tokens.text.stories));
    expect(macros.get("atlasTokenCount")).toBe(String(tokens.text.tokens));
    expect(macros.get("atlasDate")).toBe(results[0].provenance.date);
  });
});

describe("tables", () => {
  it("are well-formed LaTeX: balanced braces and matching begin/end", () => {
    const texFiles = [...tree.keys()].filter((f) => f.endsWith(".tex"));
    expect(texFiles.length).toBe(results.length + 4);
    for (const file of texFiles) expect(latexStructureProblems(text(file)), file).toEqual([]);
    expect(latexStructureProblems("\\begin{table}{\\}\n\\end{tabular}")).toEqual(["line 2: \\end{tabular} does not close the open environment", "1 unclosed {"]);
  });

  it("has one matrix row per capability, in page order, with check marks exactly where the verdict is yes", () => {
    const capabilities = readCapabilities(capabilitiesDir, repoRoot);
    const tex = text("tables/capability-matrix.tex");
    const body = tex.slice(tex.indexOf("\\midrule") + "\\midrule".length, tex.indexOf("\\bottomrule")).trim().split("\n");
    expect(body.length).toBe(capabilities.length);
    const headerLine = tex.split("\n").find((l) => l.includes("\\rotatebox"))!;
    const columns = [...headerLine.matchAll(/\\texttt\{([^}]*)\}/g)].map((m) => m[1].replace(/\\_/g, "_"));
    body.forEach((line, i) => {
      const { capability } = capabilities[i];
      const result = byTask.get(capability.tasks[0])!;
      const cells = line.replace(/ \\\\$/, "").split(" & ");
      expect(cells[0]).toBe(capability.title.replace(/"/g, "''"));
      columns.forEach((id, j) => {
        const a = result.aggregates[id];
        expect(cells[j + 1].includes("\\atlasYes"), `${capability.slug} ${id}`).toBe(a.has_capability);
        expect(plainNumber(cells[j + 1].replace("\\,\\atlasYes", ""))).toBe(fmt(metricInterval(a, result.task.mainMetric)!.value, 3));
      });
    });
    expect(tex).toMatch(/Models marked \$\^\\dagger\$ are replicas or test fixtures/);
  });

  it("lists every model and baseline in the models table with its hash prefix", () => {
    const tex = text("tables/models.tex");
    for (const s of results[0].scorers) {
      expect(tex).toContain(`\\texttt{${s.id}}`);
      expect(tex).toContain(`\\texttt{${(s.type === "model" ? s.weightsSha256 : s.fingerprint).slice(0, 12)}}`);
    }
  });
});

describe("manifest.json", () => {
  let manifest: {
    inputs: {
      results: Array<{ path: string; sha256: string; task: string; contentHash: string; date: string }>;
      tokens: { manifest: { path: string; sha256: string; text: { sha256: string } }; analysis: { path: string; sha256: string } };
      capabilities: Array<{ path: string; sha256: string }>;
      mechanisms: Array<{ path: string; sha256: string; task: string; codeVersion: string }>;
    };
    scorers: Array<{ id: string; weightsSha256?: string; fingerprint?: string }>;
    outputs: Record<string, string>;
  };
  beforeAll(() => (manifest = JSON.parse(text("manifest.json"))));

  it("records the sha256 of every input file as it is on disk", () => {
    const inputs = [...manifest.inputs.results, manifest.inputs.tokens.manifest, manifest.inputs.tokens.analysis, ...manifest.inputs.capabilities, ...manifest.inputs.mechanisms];
    expect(manifest.inputs.mechanisms.map((m) => m.task)).toEqual([...mechanisms.keys()]);
    for (const m of manifest.inputs.mechanisms) expect(m.codeVersion).toBe(mechanisms.get(m.task)!.provenance.codeVersion);
    expect(manifest.inputs.results.map((r) => r.task)).toEqual(results.map((r) => r.task.id));
    for (const input of inputs) expect(sha256(fs.readFileSync(path.join(repoRoot, input.path))), input.path).toBe(input.sha256);
    expect(manifest.inputs.results[0].contentHash).toBe(results[0].task.contentHash);
    expect(manifest.inputs.tokens.manifest.text.sha256).toBe(tokens.text.sha256);
  });

  it("records every scorer's identity and the sha256 of every other file of the report", () => {
    expect(manifest.scorers.map((s) => s.id).sort()).toEqual(results[0].scorers.map((s) => s.id).sort());
    expect(Object.keys(manifest.outputs)).toEqual([...tree.keys()].filter((f) => f !== "manifest.json"));
    for (const [file, hash] of Object.entries(manifest.outputs)) expect(sha256(tree.get(file)!), file).toBe(hash);
  });
});

describe("figures", () => {
  it("are the site's figures, by the same ids, as SVG and PNG, each with a macro in figures/index.tex", () => {
    const ids = figuresForResults(results, mechanisms).map((f) => f.id).sort();
    expect(mechanisms.size, "mechanism files in the test data").toBeGreaterThan(0);
    expect(ids).toContain("fig-induction-head-ablation");
    const files = (ext: string) => [...tree.keys()].filter((f) => f.endsWith(ext)).map((f) => f.slice("figures/".length, -ext.length)).sort();
    expect(files(".svg")).toEqual(ids);
    expect(files(".png")).toEqual(ids);
    const labels = [...text("figures/index.tex").matchAll(/\\label\{([^}]*)\}/g)].map((m) => m[1]).sort();
    expect(labels).toEqual(ids);
    expect(text("figures/index.tex")).toContain("\\newcommand{\\atlasFigureInductionMainMetric}");
    expect(text("figures/fig-induction-main-metric.svg")).toMatch(/^<svg/);
    expect(tree.get("figures/fig-induction-main-metric.png")!.subarray(1, 4).toString()).toBe("PNG");
  });
});
