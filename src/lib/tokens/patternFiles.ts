// data/tokens/patterns.json describes patterns.bin: which pattern detectors marked which tokens of the
// per-token data beside it (layout of the bits: patternCodec.ts).
import { z } from "zod";

export * from "./patternCodec.ts";

export const PATTERN_FORMAT_VERSION = 1;

export const tokenPatternsSchema = z.object({
  /** PATTERN_FORMAT_VERSION. */
  formatVersion: z.literal(PATTERN_FORMAT_VERSION),
  /** PATTERNS_VERSION of the detectors (bumped when one changes what it marks). */
  detectorsVersion: z.number().int(),
  /** sha256 of the stories labelled (manifest.json's text.sha256). */
  textSha256: z.string(),
  /** Tokens labelled: the length of every bitset (manifest.json's text.tokens). */
  tokens: z.number().int(),
  /** The bits file, relative to this one. */
  file: z.string(),
  /** sha256 of the bits file. */
  sha256: z.string(),
  /** The baseline column files the detectors read: scorer id -> sha256 of its column file. */
  inputs: z.record(z.string(), z.string()),
  /** One entry per bitset, in file order, which is the order of simplicity (simplest first). */
  patterns: z.array(
    z.object({
      /** Detector id (src/lib/tokens/patterns.ts). */
      id: z.string(),
      /** Short name for tables. */
      title: z.string(),
      /** What it marks. */
      description: z.string(),
      /** Capability slugs a marked token is an instance of ([] for none yet). */
      capabilities: z.array(z.string()),
      /** Tokens marked. */
      count: z.number().int(),
    }),
  ),
  /** Detectors left out because a baseline they read has no column file: id and the missing scorer ids. */
  skipped: z.array(z.object({ id: z.string(), missing: z.array(z.string()) })),
});
export type TokenPatterns = z.infer<typeof tokenPatternsSchema>;
