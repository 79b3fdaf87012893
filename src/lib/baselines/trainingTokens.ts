// The training stories' token ids, cached: tokenizing is the slow part of fitting (~4 s per million tokens
// with transformers.js; counting takes a fraction of that), so the ids are kept as a binary file keyed by
// the text's hash and the tokenizer's fingerprint, and every baseline is counted from them afresh.
//
// File layout (little-endian): "ATLASTOK" (8 bytes), version u32, stories u32, tokens u32, pad u32,
// story starts u32 * (stories + 1), ids u16 * tokens.
import fs from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../io/atomicWrite.ts";
import { sha256 } from "../io/hashCache.ts";
import type { Tokenizer } from "../models/tokenizer.ts";
import { encodeCorpus, type TokenCorpus } from "./tokenCorpus.ts";

const MAGIC = "ATLASTOK";
const FORMAT_VERSION = 1;
const HEADER_BYTES = 24;

/**
 * Identifies a tokenizer by what it does: its vocabulary size and the ids of a probe text with words,
 * names, punctuation, digits, newlines and a special token. Two tokenizers that agree on it are taken as one.
 */
export function tokenizerFingerprint(tokenizer: Tokenizer): string {
  const probe =
    'Once upon a time, there was a little girl named Lily. She saw 3 big zebras!\n\n"Wow," said Tom\'s mom.' +
    " Timmy's rhinoceros ate 42 avocados; éclairs and 🦖 too.<|endoftext|>";
  return sha256(`${tokenizer.vocabSize}\n${tokenizer.encode(probe).join(",")}`);
}

export interface TrainingTokensOptions {
  /** Folder for cached ids; none: no cache. */
  cacheDir?: string;
  /** The training text's hash (trainingText.ts). */
  textSha256: string;
  /** tokenizerFingerprint(tokenizer), if already computed. */
  tokenizerFingerprint?: string;
}

export function trainingTokens(stories: readonly string[], tokenizer: Tokenizer, opts: TrainingTokensOptions): TokenCorpus {
  const key = sha256(`${opts.textSha256}\n${opts.tokenizerFingerprint ?? tokenizerFingerprint(tokenizer)}`);
  const file = opts.cacheDir && path.join(opts.cacheDir, `tokens-${key.slice(0, 32)}.bin`);
  const cached = file ? readCorpus(file, stories.length) : undefined;
  if (cached) return cached;
  const corpus = encodeCorpus(stories, (text) => tokenizer.encode(text));
  if (file) writeFileAtomic(file, serializeCorpus(corpus));
  return corpus;
}

export function serializeCorpus(corpus: TokenCorpus): Uint8Array {
  const stories = corpus.starts.length - 1;
  const tokens = corpus.ids.length;
  const bytes = new Uint8Array(HEADER_BYTES + corpus.starts.byteLength + corpus.ids.byteLength);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(8, FORMAT_VERSION, true);
  view.setUint32(12, stories, true);
  view.setUint32(16, tokens, true);
  let at = HEADER_BYTES;
  for (const start of corpus.starts) (view.setUint32(at, start, true), (at += 4));
  for (const id of corpus.ids) (view.setUint16(at, id, true), (at += 2));
  return bytes;
}

/** The corpus in a cache file, or undefined if it is missing, torn or not what is expected. */
export function readCorpus(file: string, expectedStories?: number): TokenCorpus | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length < HEADER_BYTES || bytes.toString("latin1", 0, 8) !== MAGIC) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(8, true) !== FORMAT_VERSION) return undefined;
  const stories = view.getUint32(12, true);
  const tokens = view.getUint32(16, true);
  if (expectedStories !== undefined && stories !== expectedStories) return undefined;
  if (bytes.length !== HEADER_BYTES + 4 * (stories + 1) + 2 * tokens) return undefined;
  const starts = new Uint32Array(stories + 1);
  const ids = new Uint16Array(tokens);
  let at = HEADER_BYTES;
  for (let s = 0; s <= stories; s++, at += 4) starts[s] = view.getUint32(at, true);
  for (let t = 0; t < tokens; t++, at += 2) ids[t] = view.getUint16(at, true);
  if (starts[0] !== 0 || starts[stories] !== tokens) return undefined;
  return { ids, starts };
}
