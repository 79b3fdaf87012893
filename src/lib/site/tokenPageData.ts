// The per-token data as the explorer and comparison pages render their static parts at build time:
// manifest, analysis, token ids and text read from <ATLAS_DATA>/tokens (what `atlas site-assets` publishes
// as public/tokens/), or, when `atlas tokens` has not run, the reason and the commands that produce them.
import fs from "node:fs";
import path from "node:path";
import type { ScorerInfo } from "../results/resultSchema.ts";
import { type TokenAnalysis, tokenAnalysisSchema } from "../tokens/tokenAnalysis.ts";
import { type TokenManifest, decodeIds, readTokenManifestFile } from "../tokens/tokenFiles.ts";
import { orderedScorers } from "./resultViews.ts";

export interface TokenPageData {
  dir: string;
  manifest: TokenManifest;
  /** null when analysis.json is missing (older data): the comparison page then leaves out the PCA. */
  analysis: TokenAnalysis | null;
  ids: Int32Array;
  text(id: number): string;
  /** Models smallest first, then baselines (the order selects and charts use). */
  scorers: ScorerInfo[];
  /** Bytes a page fetches: manifest, ids and vocabulary once; each scorer's columns when first shown. */
  bytes: { base: number; perScorer: number };
}

export type TokenPageDataOrMissing = { ok: true; data: TokenPageData } | { ok: false; dir: string; reason: string };

/** The folder the build reads: ATLAS_DATA (default data) + /tokens, relative to the build's working folder. */
export function tokenDataDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.ATLAS_DATA ?? "data", "tokens");
}

export type TokenManifestOrMissing = { ok: true; manifest: TokenManifest } | { ok: false; reason: string };

/** The merged per-token manifest of a folder (validated), or why there is none to show. */
export function readTokenManifest(dir: string = tokenDataDir()): TokenManifestOrMissing {
  const manifestFile = path.join(dir, "manifest.json");
  if (!fs.existsSync(manifestFile)) return { ok: false, reason: `${manifestFile} does not exist` };
  const manifest = readTokenManifestFile(manifestFile);
  if (manifest.shard) return { ok: false, reason: `${manifestFile} is shard ${manifest.shard.k} of ${manifest.shard.n}, not merged data` };
  return { ok: true, manifest };
}

export function readTokenPageData(dir: string = tokenDataDir()): TokenPageDataOrMissing {
  const read = readTokenManifest(dir);
  if (!read.ok) return { ok: false, dir, reason: read.reason };
  const manifest = read.manifest;
  const analysisFile = path.join(dir, "analysis.json");
  const analysis = fs.existsSync(analysisFile) ? tokenAnalysisSchema.parse(JSON.parse(fs.readFileSync(analysisFile, "utf8"))) : null;
  const ids = decodeIds(new Uint8Array(fs.readFileSync(path.join(dir, "ids.bin"))));
  const vocab = JSON.parse(fs.readFileSync(path.join(dir, "vocab.json"), "utf8")) as Record<string, string>;
  const scorers = orderedScorers(manifest.scorers.map((s) => s.info));
  const size = (file: string) => fs.statSync(path.join(dir, file)).size;
  const bytes = {
    base: ["manifest.json", "ids.bin", "vocab.json"].reduce((a, f) => a + size(f), 0),
    // Every column file has the same length (columnsBytes of the token count).
    perScorer: manifest.scorers.length ? size(manifest.scorers[0].file) : 0,
  };
  return { ok: true, data: { dir, manifest, analysis, ids, text: (id) => vocab[id] ?? `<${id}>`, scorers, bytes } };
}

/** The n models with the most parameters, largest first (the comparison's default pair, the explorer's default). */
export function largestModels(scorers: readonly ScorerInfo[], n: number): string[] {
  return scorers
    .flatMap((s) => (s.type === "model" ? [s] : []))
    .sort((a, b) => b.parameters - a.parameters || a.id.localeCompare(b.id))
    .slice(0, n)
    .map((s) => s.id);
}

/** An option label for a scorer in a select: id, shape or "baseline". */
export function scorerOptionLabel(s: ScorerInfo): string {
  return s.type === "model" ? `${s.id} (${s.layers} x ${s.width}, ${s.kind})` : `${s.id} (baseline: ${s.title})`;
}

/** The comparison's default pair: the two largest models, topped up with other scorers when fewer exist. */
export function defaultPair(scorers: readonly ScorerInfo[]): [string, string] {
  const ids = [...new Set([...largestModels(scorers, 2), ...scorers.map((s) => s.id)])];
  return [ids[0], ids[1] ?? ids[0]];
}
