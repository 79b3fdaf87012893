// Writes a complete per-token data folder (or one shard's): columns, ids, vocabulary, then the manifest
// last, each file atomically. A single run and a merge of shards both end here, so they write the same bytes.
import path from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomicWrite.ts";
import { sha256 } from "../io/hashCache.ts";
import type { ScorerInfo } from "../results/resultSchema.ts";
import { roundNumbers } from "../results/buildResultFile.ts";
import { meanLoss } from "./lossStats.ts";
import { TOKEN_FORMAT_VERSION, type TokenColumns, type TokenFolder, type TokenManifest, encodeColumns, encodeIds, tokenManifestSchema } from "./tokenFiles.ts";

export interface TokenData {
  text: { source: string; sha256: string; firstStory: number };
  storyOffsets: number[];
  ids: Int32Array;
  /** Text of every id in ids or in a top list. */
  vocab: Map<number, string>;
  threshold: number;
  provenance: TokenManifest["provenance"];
  shard: TokenManifest["shard"];
  scorers: Array<{ info: ScorerInfo; columns: TokenColumns }>;
}

/** Writes the folder and returns what it now holds, so the steps after it need not read it back. */
export function writeTokenData(dir: string, data: TokenData): TokenFolder {
  const scorers = data.scorers.map(({ info, columns }) => {
    const file = `scorers/${info.id}.bin`;
    const bytes = encodeColumns(columns);
    writeFileAtomic(path.join(dir, file), bytes);
    const loss = data.shard ? null : roundNumbers(meanLoss(columns.logprob, data.storyOffsets, `tokens|${info.id}`));
    return { info, file, sha256: sha256(bytes), meanLoss: loss };
  });
  writeFileAtomic(path.join(dir, "ids.bin"), encodeIds(data.ids));
  const vocab = Object.fromEntries([...data.vocab].sort(([a], [b]) => a - b));
  writeJsonAtomic(path.join(dir, "vocab.json"), vocab);
  const manifest = tokenManifestSchema.parse({
    formatVersion: TOKEN_FORMAT_VERSION,
    text: { ...data.text, stories: data.storyOffsets.length - 1, tokens: data.ids.length },
    storyOffsets: data.storyOffsets,
    confidentThreshold: data.threshold,
    provenance: data.provenance,
    shard: data.shard,
    scorers,
  } satisfies TokenManifest);
  writeJsonAtomic(path.join(dir, "manifest.json"), manifest);
  return { manifest, ids: data.ids, vocab: data.vocab, columns: (j) => data.scorers[j].columns };
}
