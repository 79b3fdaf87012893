// Everything the report is made from, read and checked before anything is written: the result files,
// the per-token manifest and analysis, the capability pages' frontmatter, and the tasks' mechanism files
// where there are any. Nothing else is read: no models, no network, no clock.
import fs from "node:fs";
import path from "node:path";
import { AtlasError } from "../errors.ts";
import { matchMechanisms } from "../mechanisms/matchMechanisms.ts";
import { type MechanismFile, mechanismFileSchema } from "../mechanisms/mechanismSchema.ts";
import { type ResultFile, resultFileSchema } from "../results/resultSchema.ts";
import { type TokenAnalysis, tokenAnalysisSchema } from "../tokens/tokenAnalysis.ts";
import { type TokenManifest, tokenManifestSchema } from "../tokens/tokenFiles.ts";
import { type CapabilityInput, readCapabilities } from "./capabilityFrontmatter.ts";
import { displayPath, type InputFile, parseJsonInput, readInput } from "./inputFiles.ts";

export interface ReportInputPaths {
  /** data/results: one <task>.json per task. */
  resultsDir: string;
  /** data/tokens: manifest.json and analysis.json. */
  tokensDir: string;
  /** src/content/capabilities: the pages' MDX files. */
  capabilitiesDir: string;
  /**
   * data/mechanisms: a task's <task>.json, where present and of the same task content as its result file,
   * adds its mechanism figures. Left out, or a task without one: no mechanism figures for it.
   */
  mechanismsDir?: string;
  /** Paths in the manifest and in messages are relative to this (the repository root). */
  root: string;
}

export interface ResultInput {
  file: InputFile;
  result: ResultFile;
}

export interface MechanismInput {
  file: InputFile;
  mechanisms: MechanismFile;
}

export interface ReportInputs {
  /** By task id. */
  results: ResultInput[];
  /** By task id: the mechanism files that match their task's result file (stale or missing ones are not inputs). */
  mechanisms: MechanismInput[];
  /** In page order. */
  capabilities: CapabilityInput[];
  tokens: {
    manifestFile: InputFile;
    manifest: TokenManifest;
    analysisFile: InputFile;
    analysis: TokenAnalysis;
  };
}

const runData = "run `npm run data`";
const runTokens = "run `atlas tokens`";
const runMechanisms = "run `atlas mechanisms`";

export function readReportInputs(paths: ReportInputPaths): ReportInputs {
  const { root } = paths;
  const capabilities = readCapabilities(paths.capabilitiesDir, root);
  if (!fs.existsSync(paths.resultsDir)) throw new AtlasError(`missing (${runData})`, { file: displayPath(root, paths.resultsDir) });
  // Every task a capability page names must have a result file; other result files are reported as well.
  const named = capabilities.flatMap((c) => c.capability.tasks.map((task) => ({ task, page: c.file.path })));
  for (const { task, page } of named) {
    const file = path.join(paths.resultsDir, `${task}.json`);
    if (!fs.existsSync(file)) throw new AtlasError(`missing (${page} lists task ${task}; ${runData})`, { file: displayPath(root, file) });
  }
  const results = fs
    .readdirSync(paths.resultsDir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => {
      const input = readInput(root, path.join(paths.resultsDir, name), runData);
      const result = parseJsonInput(input, resultFileSchema, "result file");
      if (`${result.task.id}.json` !== name) throw new AtlasError(`holds task ${result.task.id}, not ${name.slice(0, -5)}`, { file: input.file.path });
      return { file: input.file, result };
    });
  if (!results.length) throw new AtlasError(`has no result files (${runData})`, { file: displayPath(root, paths.resultsDir) });

  const manifestInput = readInput(root, path.join(paths.tokensDir, "manifest.json"), runTokens);
  const manifest = parseJsonInput(manifestInput, tokenManifestSchema, "per-token manifest");
  if (manifest.shard) throw new AtlasError(`is shard ${manifest.shard.k} of ${manifest.shard.n}, not the merged data (run \`atlas tokens --merge\`)`, { file: manifestInput.file.path });
  const analysisInput = readInput(root, path.join(paths.tokensDir, "analysis.json"), runTokens);
  const analysis = parseJsonInput(analysisInput, tokenAnalysisSchema, "per-token analysis");

  const mechanisms = readMechanismInputs(root, paths.mechanismsDir, results);
  return { results, mechanisms, capabilities, tokens: { manifestFile: manifestInput.file, manifest, analysisFile: analysisInput.file, analysis } };
}

/** Each task's mechanism file that exists and matches its result file; an invalid one stops the report. */
function readMechanismInputs(root: string, dir: string | undefined, results: ResultInput[]): MechanismInput[] {
  if (!dir) return [];
  return results.flatMap(({ result }) => {
    const file = path.join(dir, `${result.task.id}.json`);
    if (!fs.existsSync(file)) return [];
    const input = readInput(root, file, runMechanisms);
    const mechanisms = parseJsonInput(input, mechanismFileSchema, "mechanism file");
    return matchMechanisms(result, mechanisms).ok ? [{ file: input.file, mechanisms }] : [];
  });
}
