// The per-token producer: every model and baseline over the validation stories (or one shard of them),
// each scorer's columns cached by its fingerprint, the stories' hash, the story range and SCORER_VERSION.
import fs from "node:fs";
import path from "node:path";
import type { Progress } from "../cli/progress.ts";
import type { ScorerFactory } from "../data/scorerHandle.ts";
import { writeFileAtomic } from "../io/atomicWrite.ts";
import type { Tokenizer } from "../models/tokenizer.ts";
import type { CodeProvenance } from "../results/codeProvenance.ts";
import { SCORER_VERSION } from "../scoring/itemScore.ts";
import { encodeStories } from "./encodeStories.ts";
import { storyColumns } from "./storyColumns.ts";
import { type TokenColumns, type TokenFolder, columnsBytes, decodeColumns, encodeColumns } from "./tokenFiles.ts";
import type { StoryText } from "./validationStories.ts";
import { type TokenData, writeTokenData } from "./writeTokenData.ts";

/** "Correct and confident": the actual token is the top-1 prediction with at least this probability. */
export const CONFIDENT_THRESHOLD = 0.5;

export interface Shard {
  /** 1-based shard number. */
  k: number;
  n: number;
}

/** Shard k of n holds stories [floor((k-1) S / n), floor(k S / n)): contiguous, in order, covering all. */
export function shardRange(stories: number, shard: Shard | null): [number, number] {
  if (!shard) return [0, stories];
  return [Math.floor(((shard.k - 1) * stories) / shard.n), Math.floor((shard.k * stories) / shard.n)];
}

export interface ScoreStoryTokensDeps {
  cacheDir: string;
  tokenizer: Tokenizer;
  provenance: CodeProvenance;
  progress: Progress;
  log: (line: string) => void;
}

export async function scoreStoryTokens(
  text: StoryText,
  factories: ScorerFactory[],
  outDir: string,
  shard: Shard | null,
  deps: ScoreStoryTokensDeps,
): Promise<{ failures: Array<{ id: string; error: string }>; scored: string[]; folder: TokenFolder }> {
  const [first, last] = shardRange(text.stories.length, shard);
  const { stories, offsets: storyOffsets } = encodeStories(deps.tokenizer, text.stories.slice(first, last));
  const n = storyOffsets[storyOffsets.length - 1];
  const ids = Int32Array.from(stories.flat());
  const failures: Array<{ id: string; error: string }> = [];
  const scored: string[] = [];
  const scorers: TokenData["scorers"] = [];
  for (const factory of factories) {
    try {
      const { info, fingerprint } = await factory.describe();
      const cacheFile = path.join(
        deps.cacheDir,
        "tokens",
        fingerprint.slice(0, 24),
        `${text.sha256.slice(0, 16)}-${first}-${last}-t${CONFIDENT_THRESHOLD}-v${SCORER_VERSION}.bin`,
      );
      let columns: TokenColumns;
      if (fs.existsSync(cacheFile) && fs.statSync(cacheFile).size === columnsBytes(n)) {
        columns = decodeColumns(new Uint8Array(fs.readFileSync(cacheFile)), n);
      } else {
        const handle = await factory.open();
        try {
          deps.progress.begin(`${info.id} / ${stories.length} stories`, n);
          columns = await storyColumns(handle, stories, CONFIDENT_THRESHOLD, (tokens) => deps.progress.advance(tokens));
          deps.progress.end();
        } finally {
          await handle.release();
        }
        writeFileAtomic(cacheFile, encodeColumns(columns));
        scored.push(info.id);
      }
      scorers.push({ info, columns });
    } catch (e) {
      failures.push({ id: factory.id, error: (e as Error).message });
      deps.log(`${factory.id}: FAILED: ${(e as Error).message}`);
    }
  }
  const vocab = new Map<number, string>();
  const note = (id: number) => {
    if (!vocab.has(id)) vocab.set(id, deps.tokenizer.tokenText(id));
  };
  ids.forEach(note);
  for (const { columns } of scorers) columns.topIds.forEach(note);
  const folder = writeTokenData(outDir, {
    text: { source: text.source, sha256: text.sha256, firstStory: first },
    storyOffsets,
    ids,
    vocab,
    threshold: CONFIDENT_THRESHOLD,
    provenance: { ...deps.provenance, scorerVersion: SCORER_VERSION },
    shard,
    scorers,
  });
  return { failures, scored, folder };
}
