// One item's raw evidence (the numbers every summary is computed from), cached per model and task: reused
// while the model's weights hash, the item's text and MECHANISM_VERSION are unchanged. Rewritten atomically
// after every batch of items, so a killed run resumes where it stopped.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../io/atomicWrite.ts";
import type { ItemText } from "../scoring/itemTokens.ts";
import { itemKey } from "../scoring/scoreCache.ts";
import { MECHANISM_VERSION } from "./mechanismSchema.ts";

export const itemEvidenceSchema = z.object({
  /** The prompt's token ids (the final position q is the last). */
  promptIds: z.array(z.number().int()),
  /** First token of the answer. */
  answer: z.number().int(),
  /** First token of the wrong answer, or null. */
  wrong: z.number().int().nullable(),
  /** The ablation metric: logit_diff with a wrong answer, else log p_first. */
  metric: z.enum(["logit_diff", "log_p_first"]),
  /** The metric on the clean run. */
  clean: z.number(),
  /** The metric with each head zeroed, layer-major [layers * heads]. */
  ablated: z.array(z.number()),
  /** Direct logit attribution (directLogitAttribution.ts), plus the graph's actual logit difference. */
  attribution: z.object({
    target: z.enum(["wrong", "vocab-mean"]),
    actual: z.number(),
    embed: z.number(),
    attn: z.array(z.number()),
    heads: z.array(z.number()),
    attnBias: z.array(z.number()),
    mlp: z.array(z.number()),
    mlpBias: z.array(z.number()),
    lnBias: z.number(),
    scale: z.number(),
  }),
  /** Every neuron's attribution, float32 base64, layer-major [layers * d_mlp]. */
  neurons: z.string(),
  /** Final-position attention rows, float32 base64, [layers * heads * (q + 1)]. */
  attention: z.string(),
  /** The logit lens per block (lensSummary.ts LensBlock). */
  lens: z.array(
    z.object({
      logprob: z.number(),
      rank: z.number().int(),
      logitDiff: z.number().nullable(),
      topIds: z.array(z.number().int()),
      topLogprobs: z.array(z.number()),
    }),
  ),
});
export type ItemEvidence = z.infer<typeof itemEvidenceSchema>;

const cacheFileSchema = z.object({ mechanismVersion: z.string(), fingerprint: z.string(), entries: z.record(itemEvidenceSchema) });

export class EvidenceCache {
  private entries: Record<string, ItemEvidence> = {};
  private readonly file: string;

  constructor(cacheDir: string, private readonly fingerprint: string, taskId: string) {
    this.file = path.join(cacheDir, "mechanisms", fingerprint.slice(0, 24), `${taskId}.json`);
    if (!fs.existsSync(this.file)) return;
    let parsed;
    try {
      parsed = cacheFileSchema.safeParse(JSON.parse(fs.readFileSync(this.file, "utf8")));
    } catch {
      return; // unreadable: recomputed
    }
    // Another version's or another model's cache is ignored, not trusted.
    if (parsed.success && parsed.data.mechanismVersion === MECHANISM_VERSION && parsed.data.fingerprint === fingerprint) this.entries = parsed.data.entries;
  }

  get(item: ItemText): ItemEvidence | undefined {
    return this.entries[itemKey(item)];
  }

  set(item: ItemText, entry: ItemEvidence): void {
    this.entries[itemKey(item)] = entry;
  }

  flush(): void {
    // Compact: thousands of numbers per item.
    writeFileAtomic(this.file, JSON.stringify({ mechanismVersion: MECHANISM_VERSION, fingerprint: this.fingerprint, entries: this.entries }));
  }
}
