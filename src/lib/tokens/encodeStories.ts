// The validation stories as token ids, the way `atlas tokens` stores them: each story encoded on its own
// (no <|endoftext|>), and the prefix sums of their lengths (manifest.json's storyOffsets). `atlas
// mechanisms` reads its neurons' top tokens from the same encoding, so positions line up with data/tokens.
import type { Tokenizer } from "../models/tokenizer.ts";

export interface EncodedStories {
  /** Token ids of each story. */
  stories: number[][];
  /** offsets[s]..offsets[s+1] are story s's tokens in the concatenation; length stories + 1. */
  offsets: number[];
}

export function encodeStories(tokenizer: Pick<Tokenizer, "encode">, texts: readonly string[]): EncodedStories {
  const stories = texts.map((text) => tokenizer.encode(text));
  const offsets = [0];
  for (const s of stories) offsets.push(offsets[offsets.length - 1] + s.length);
  return { stories, offsets };
}
