// The per-(task, model) items file, data/mechanisms/items/<task>/<model>.json: every item's final-position
// attention row of every head and the lens's top tokens per block, fetched by the page when a reader clicks a
// head ("see its attention on the items"), so the task's main file stays small.
import { z } from "zod";
import { ATTENTION_FORMAT } from "./attentionCodec.ts";
import { MECHANISM_SCHEMA_VERSION } from "./mechanismSchema.ts";

export const itemsFileSchema = z.object({
  /** MECHANISM_SCHEMA_VERSION. */
  schemaVersion: z.literal(MECHANISM_SCHEMA_VERSION),
  /** Task id. */
  task: z.string(),
  /** Model id. */
  model: z.string(),
  /** Blocks. */
  layers: z.number().int(),
  /** Heads per block. */
  heads: z.number().int(),
  /** ATTENTION_FORMAT: how `attention` is encoded (attentionCodec.ts). */
  format: z.literal(ATTENTION_FORMAT),
  items: z.array(
    z.object({
      /** Item id. */
      id: z.string(),
      /** The prompt's tokens as text; the final position q is the last one. */
      tokens: z.array(z.string()),
      /** The answer's first token. */
      answer: z.string(),
      /** The wrong answer's first token, or null. */
      wrong: z.string().nullable(),
      /** layers x heads rows of tokens.length weights, u8-rows-v1 (attentionCodec.ts). */
      attention: z.string(),
      /** Per block: the answer's rank and log p, and the 3 most likely tokens with p. */
      lens: z.array(
        z.object({
          rank: z.number().int(),
          logprob: z.number(),
          top: z.array(z.object({ text: z.string(), p: z.number() })),
        }),
      ),
    }),
  ),
});
export type ItemsFile = z.infer<typeof itemsFileSchema>;
