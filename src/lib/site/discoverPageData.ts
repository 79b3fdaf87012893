// What the discovery page renders at build time from the per-token data (data/tokens, or ATLAS_DATA's):
// the models to choose from, the pattern filters, and the provenance notice. The browser loads the
// tokens, columns and pattern bits themselves on demand from public/tokens/.
import fs from "node:fs";
import path from "node:path";
import type { ScorerInfo } from "../results/resultSchema.ts";
import { type TokenPatterns, tokenPatternsSchema } from "../tokens/patternFiles.ts";
import type { TokenManifest } from "../tokens/tokenFiles.ts";
import { orderedScorers } from "./resultViews.ts";
import { readTokenManifest, tokenDataDir } from "./tokenPageData.ts";

export interface DiscoverPageData {
  manifest: TokenManifest;
  patterns: TokenPatterns;
  /** Models by size, smallest first. */
  models: ScorerInfo[];
  /** Seed 003 starts with the least capable model: the smallest that is not a random-weight fixture. */
  defaultModel: string;
}

/** null when `atlas tokens` has not written the data (the page then says how to make it). */
export function discoverPageData(dir = tokenDataDir()): DiscoverPageData | null {
  const manifestFile = path.join(dir, "manifest.json");
  const patternsFile = path.join(dir, "patterns.json");
  const read = readTokenManifest(dir);
  if (!read.ok || !fs.existsSync(patternsFile)) return null;
  const manifest = read.manifest;
  const patterns = tokenPatternsSchema.parse(JSON.parse(fs.readFileSync(patternsFile, "utf8")));
  if (patterns.textSha256 !== manifest.text.sha256 || patterns.tokens !== manifest.text.tokens) {
    throw new Error(`${patternsFile} labels other stories than ${manifestFile}: rerun \`atlas tokens\``);
  }
  const models = orderedScorers(manifest.scorers.map((s) => s.info)).filter((s) => s.type === "model");
  if (models.length === 0) return null;
  const defaultModel = (models.find((m) => m.type === "model" && m.kind !== "fixture") ?? models[0]).id;
  return { manifest, patterns, models, defaultModel };
}

/** What the page's script needs besides the data files (JSON in the page). */
export interface DiscoverConfig {
  /** The published per-token data (public/tokens/). */
  tokensUrl: string;
  /** The story explorer, for links to a token in context. */
  exploreUrl: string;
  /** Capability pages: <capabilitiesUrl><slug>/. */
  capabilitiesUrl: string;
  /** Capability slug -> title, for "explained by" links. */
  capabilities: Record<string, string>;
  defaultModel: string;
  /** sha256 of the stories the page was built from: the loaded data must be the same. */
  textSha256: string;
}
