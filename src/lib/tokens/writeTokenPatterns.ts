// `atlas tokens` after the columns: labels every token of data/tokens with every pattern detector and
// writes patterns.bin (bitsets) and then patterns.json (what they are), each atomically. Everything in
// them is a function of the folder's files, so reruns write the same bytes. The folder's contents come from
// the step that wrote them (writeTokenData's result) or, for a folder already on disk, readTokenFolder.
import path from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomicWrite.ts";
import { sha256 } from "../io/hashCache.ts";
import { encodePatternBits } from "./patternCodec.ts";
import { PATTERN_FORMAT_VERSION, type TokenPatterns, tokenPatternsSchema } from "./patternFiles.ts";
import { PATTERNS_VERSION, labelTokens, patternDetectors } from "./patterns.ts";
import type { PatternDetector } from "./patternTypes.ts";
import type { TokenFolder } from "./tokenFiles.ts";

export const PATTERNS_FILE = "patterns.json";
export const PATTERN_BITS_FILE = "patterns.bin";

export function writeTokenPatterns(dir: string, folder: TokenFolder, detectors: readonly PatternDetector[] = patternDetectors): TokenPatterns {
  const { manifest, ids, vocab } = folder;
  const n = manifest.text.tokens;
  const byId = new Map(manifest.scorers.map((s, j) => [s.info.id, { ...s, j }]));
  const usable = detectors.filter((d) => d.needs.every((id) => byId.has(id)));
  const skipped = detectors.filter((d) => !usable.includes(d)).map((d) => ({ id: d.id, missing: d.needs.filter((id) => !byId.has(id)) }));
  const needed = [...new Set(usable.flatMap((d) => d.needs))].sort();
  const confident = Object.fromEntries(needed.map((id) => [id, folder.columns(byId.get(id)!.j).confident]));
  const columns = labelTokens(usable, {
    ids,
    storyOffsets: manifest.storyOffsets,
    text: (id) => {
      const text = vocab.get(id);
      if (text === undefined) throw new Error(`vocab.json has no text for token id ${id}`);
      return text;
    },
    confident,
  });
  const bits = encodePatternBits(columns);
  writeFileAtomic(path.join(dir, PATTERN_BITS_FILE), bits);
  const patterns = tokenPatternsSchema.parse({
    formatVersion: PATTERN_FORMAT_VERSION,
    detectorsVersion: PATTERNS_VERSION,
    textSha256: manifest.text.sha256,
    tokens: n,
    file: PATTERN_BITS_FILE,
    sha256: sha256(bits),
    inputs: Object.fromEntries(needed.map((id) => [id, byId.get(id)!.sha256])),
    patterns: usable.map((d, k) => ({
      id: d.id,
      title: d.title,
      description: d.description,
      capabilities: [...d.capabilities],
      count: columns[k].reduce((a, b) => a + b, 0),
    })),
    skipped,
  } satisfies TokenPatterns);
  writeJsonAtomic(path.join(dir, PATTERNS_FILE), patterns);
  return patterns;
}
