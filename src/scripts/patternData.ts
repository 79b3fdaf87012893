// Token pattern labels in the browser: patterns.json and patterns.bin from the published per-token data,
// decoded with the producer's codec (src/lib/tokens/patternCodec.ts) into one 0/1 column per pattern.
import { decodePatternBits } from "../lib/tokens/patternCodec.ts";
import type { TokenPatterns } from "../lib/tokens/patternFiles.ts";
import type { PatternColumn } from "../lib/tokens/discovery.ts";
import { fetchTokenFile } from "./tokenData.ts";

export interface PatternDataset {
  meta: TokenPatterns;
  columns: PatternColumn[];
}

export async function loadTokenPatterns(baseUrl: string): Promise<PatternDataset> {
  const get = (file: string) => fetchTokenFile(baseUrl, file);
  const meta = (await (await get("patterns.json")).json()) as TokenPatterns;
  const bits = new Uint8Array(await (await get(meta.file)).arrayBuffer());
  const marks = decodePatternBits(bits, meta.patterns.length, meta.tokens);
  return { meta, columns: meta.patterns.map((p, k) => ({ id: p.id, marks: marks[k] })) };
}
