// Per-token data on the validation stories, stored as columns in little-endian binary files rather than
// one JSON object per token: data/tokens/manifest.json (provenance, story offsets, scorers), ids.bin
// (Int32 token ids), vocab.json (text of every id that appears), and scorers/<id>.bin per model/baseline.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { AtlasError } from "../errors.ts";
import { intervalSchema } from "../scoring/aggregate.ts";
import { scorerInfoSchema } from "../results/resultSchema.ts";
import { type TokenColumns, decodeColumns, decodeIds } from "./columnCodec.ts";

export * from "./columnCodec.ts";

export const TOKEN_FORMAT_VERSION = 1;

export const tokenManifestSchema = z.object({
  /** TOKEN_FORMAT_VERSION. */
  formatVersion: z.literal(TOKEN_FORMAT_VERSION),
  /** The stories scored. */
  text: z.object({
    /** Repository-relative file or hub file. */
    source: z.string(),
    /** sha256 of the stories joined by <|endoftext|>. */
    sha256: z.string(),
    /** Number of stories (in this file: all of them, or this shard's). */
    stories: z.number().int(),
    /** Index of the first story here (0 unless a shard). */
    firstStory: z.number().int(),
    /** Total tokens (the length of every column). */
    tokens: z.number().int(),
  }),
  /** storyOffsets[s]..storyOffsets[s+1] are story s's tokens; length stories + 1. */
  storyOffsets: z.array(z.number().int()),
  /** "Correct and confident": rank 1 and p >= this. */
  confidentThreshold: z.number(),
  /** Code version, scorer version and date, as in result files. */
  provenance: z.object({ codeVersion: z.string(), scorerVersion: z.string(), date: z.string() }),
  /** Shard k of n when this is a partial result, else null. */
  shard: z.object({ k: z.number().int(), n: z.number().int() }).nullable(),
  scorers: z.array(
    z.object({
      /** Who produced the column file. */
      info: scorerInfoSchema,
      /** Its file, relative to the manifest. */
      file: z.string(),
      /** sha256 of the file. */
      sha256: z.string(),
      /** Mean negative log-probability per token with a 95% bootstrap interval over stories (null in a shard). */
      meanLoss: intervalSchema.nullable(),
    }),
  ),
});
export type TokenManifest = z.infer<typeof tokenManifestSchema>;

/**
 * A per-token manifest.json (of a folder or a shard), validated against tokenManifestSchema; a missing,
 * unreadable or invalid file is an AtlasError naming the file and the first problem.
 */
export function readTokenManifestFile(file: string): TokenManifest {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AtlasError(code === "ENOENT" ? "is missing" : `cannot be read as JSON (${code ?? (e as Error).message.split("\n")[0]})`, { file });
  }
  const parsed = tokenManifestSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first.path.length ? `${first.path.join(".")}: ` : "";
  throw new AtlasError(`is not a valid per-token manifest: ${where}${first.message.split("\n")[0]}`, { file });
}

/**
 * A per-token folder's contents: held in memory by whoever just wrote them (writeTokenData's result), or
 * read back from the files by readTokenFolder.
 */
export interface TokenFolder {
  manifest: TokenManifest;
  /** ids.bin. */
  ids: Int32Array;
  /** vocab.json: the text of every id in ids or in a top list. */
  vocab: ReadonlyMap<number, string>;
  /** The columns of manifest.scorers[j] (a folder read back decodes its file on each call). */
  columns(j: number): TokenColumns;
}

/** A folder written earlier: manifest, ids and vocabulary now, each scorer's columns when asked for. */
export function readTokenFolder(dir: string): TokenFolder {
  const read = (file: string) => new Uint8Array(fs.readFileSync(path.join(dir, file)));
  const manifest = readTokenManifestFile(path.join(dir, "manifest.json"));
  const ids = decodeIds(read("ids.bin"));
  const vocabJson = JSON.parse(fs.readFileSync(path.join(dir, "vocab.json"), "utf8")) as Record<string, string>;
  const vocab = new Map(Object.entries(vocabJson).map(([id, text]) => [Number(id), text]));
  return { manifest, ids, vocab, columns: (j) => decodeColumns(read(manifest.scorers[j].file), manifest.text.tokens) };
}
