// Cached item scores per scorer and task: reused while the scorer's weights hash (or baseline fingerprint),
// the item's text and SCORER_VERSION are unchanged. Rewritten atomically after every batch, so a killed
// run resumes where it stopped.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { writeJsonAtomic } from "../io/atomicWrite.ts";
import { sha256 } from "../io/hashCache.ts";
import { scoreEntrySchema, type ScoreEntry } from "../results/resultSchema.ts";
import { SCORER_VERSION } from "./itemScore.ts";
import type { ItemText } from "./itemTokens.ts";

const cacheFileSchema = z.object({
  scorerVersion: z.string(),
  fingerprint: z.string(),
  entries: z.record(scoreEntrySchema),
});

/** The cache key of an item: its text, not its id (an edited item is a new item). */
export function itemKey(item: ItemText): string {
  return sha256(JSON.stringify([item.prompt, item.answer, item.wrong ?? null])).slice(0, 24);
}

export class ScoreCache {
  private entries: Record<string, ScoreEntry> = {};
  private readonly file: string;

  constructor(cacheDir: string, private readonly fingerprint: string, taskId: string) {
    this.file = path.join(cacheDir, "scores", fingerprint.slice(0, 24), `${taskId}.json`);
    if (!fs.existsSync(this.file)) return;
    const parsed = cacheFileSchema.safeParse(JSON.parse(fs.readFileSync(this.file, "utf8")));
    // A cache from another scorer version or fingerprint is ignored, not trusted.
    if (parsed.success && parsed.data.scorerVersion === SCORER_VERSION && parsed.data.fingerprint === fingerprint) {
      this.entries = parsed.data.entries;
    }
  }

  get(item: ItemText): ScoreEntry | undefined {
    return this.entries[itemKey(item)];
  }

  set(item: ItemText, entry: ScoreEntry): void {
    this.entries[itemKey(item)] = entry;
  }

  flush(): void {
    writeJsonAtomic(this.file, { scorerVersion: SCORER_VERSION, fingerprint: this.fingerprint, entries: this.entries });
  }
}
