// The first N stories of TinyStories' training text from the hub, without the 1.9 GB file: ranged reads
// (@huggingface/hub's Blob.slice issues Range requests) extend a cached prefix until it holds N complete
// stories. A later call for as many stories or fewer makes no request at all; for more, it reads on from
// where the cache ends. The cache is the prefix file plus a small JSON of its length and the file's size.
import fs from "node:fs";
import path from "node:path";
import { downloadFile } from "@huggingface/hub";
import { AtlasError } from "../errors.ts";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomicWrite.ts";
import { isHubOffline } from "../models/hubCache.ts";
import { credentials, hubAccess } from "../models/hubRemote.ts";
import { STORY_SEPARATOR } from "../tasks/stories.ts";

export const TINYSTORIES_DATASET = "roneneldan/TinyStories";
export const TINYSTORIES_TRAIN_FILE = "TinyStories-train.txt";

/** Bytes a TinyStories story takes on average (~900), rounded up: the first read's size estimate. */
const BYTES_PER_STORY_GUESS = 1000;

export interface HubTrainingTextOptions {
  stories: number;
  /** Folder for the cached prefixes. */
  cacheDir: string;
  dataset?: string;
  file?: string;
  /** Default "main". */
  revision?: string;
  /** Default HF_HUB_OFFLINE; offline, only the cached prefix is used. */
  offline?: boolean;
  fetch?: typeof fetch;
  /** Default HF_ENDPOINT, else https://huggingface.co. */
  hubUrl?: string;
  /** Default HF_TOKEN. */
  accessToken?: string;
  env?: Record<string, string | undefined>;
}

interface PrefixMeta {
  /** Length of the cached prefix. */
  bytes: number;
  /** Size of the whole file on the hub. */
  fileSize: number;
}

/** The first `stories` stories (fewer only if the whole file holds fewer), and where they came from. */
export async function hubTrainingStories(opts: HubTrainingTextOptions): Promise<{ stories: string[]; source: string }> {
  const dataset = opts.dataset ?? TINYSTORIES_DATASET;
  const file = opts.file ?? TINYSTORIES_TRAIN_FILE;
  const revision = opts.revision ?? "main";
  const env = opts.env ?? process.env;
  const source = `hub dataset ${dataset} file ${file} at ${revision}`;
  const prefixFile = path.join(opts.cacheDir, dataset.replace("/", "--"), revision, `${file}.prefix`);
  const metaFile = `${prefixFile}.json`;

  let { prefix, meta } = readCachedPrefix(prefixFile, metaFile);
  let blob: Blob | undefined;
  for (;;) {
    const complete = meta !== undefined && meta.bytes === meta.fileSize;
    const stories = storiesOfPrefix(prefix, complete);
    if (stories.length >= opts.stories || complete) return { stories: stories.slice(0, opts.stories), source };
    if (opts.offline ?? isHubOffline(env)) {
      throw new AtlasError(
        `offline, and the cached prefix of ${source} holds ${stories.length} of the ${opts.stories} stories asked for`,
      );
    }
    if (!blob) {
      blob = await openHubFile(dataset, file, revision, opts, env, source);
      // A file of another size is another file (the revision moved): its prefix is not ours to extend.
      if (meta && meta.fileSize !== blob.size) prefix = new Uint8Array(0);
      meta = { bytes: prefix.length, fileSize: blob.size };
    }
    const perStory = stories.length > 0 ? prefix.length / stories.length : BYTES_PER_STORY_GUESS;
    const want = Math.ceil((opts.stories - stories.length + 1) * perStory * 1.25) + 64 * 1024;
    const start = prefix.length;
    const end = Math.min(blob.size, start + want);
    let chunk: Uint8Array;
    try {
      chunk = new Uint8Array(await blob.slice(start, end).arrayBuffer());
    } catch (error) {
      throw new AtlasError(`cannot read bytes ${start}-${end - 1} of ${source}: ${(error as Error).message.split("\n")[0]}`);
    }
    if (chunk.length !== end - start) {
      throw new AtlasError(`${source}: asked for bytes ${start}-${end - 1}, got ${chunk.length} bytes (Range not honoured?)`);
    }
    const grown = new Uint8Array(end);
    grown.set(prefix);
    grown.set(chunk, start);
    prefix = grown;
    meta = { bytes: end, fileSize: blob.size };
    // The prefix first, then the record of its length: a crash between leaves a mismatch, read as no cache.
    writeFileAtomic(prefixFile, prefix);
    writeJsonAtomic(metaFile, meta);
  }
}

/** Complete stories of a prefix: all but the piece after the last separator, unless the prefix is the file. */
export function storiesOfPrefix(prefix: Uint8Array, wholeFile: boolean): string[] {
  // A multi-byte character cut at the end decodes to U+FFFD inside the dropped last piece.
  const pieces = new TextDecoder().decode(prefix).split(STORY_SEPARATOR);
  if (!wholeFile) pieces.pop();
  return pieces.map((s) => s.trim()).filter((s) => s.length > 0);
}

function readCachedPrefix(prefixFile: string, metaFile: string): { prefix: Uint8Array; meta?: PrefixMeta } {
  try {
    const meta = JSON.parse(fs.readFileSync(metaFile, "utf8")) as PrefixMeta;
    const prefix = new Uint8Array(fs.readFileSync(prefixFile));
    if (prefix.length === meta.bytes && Number.isInteger(meta.fileSize) && meta.fileSize >= meta.bytes) return { prefix, meta };
  } catch {
    // No cache, or a torn one: start again.
  }
  return { prefix: new Uint8Array(0) };
}

async function openHubFile(
  dataset: string,
  file: string,
  revision: string,
  opts: HubTrainingTextOptions,
  env: Record<string, string | undefined>,
  source: string,
): Promise<Blob> {
  let blob: Blob | null;
  try {
    blob = await downloadFile({
      repo: { type: "dataset", name: dataset },
      path: file,
      revision,
      ...credentials(hubAccess(opts, env)),
      // Plain HTTP ranges: each slice is one Range request (xet would reconstruct chunks instead).
      xet: false,
    });
  } catch (error) {
    throw new AtlasError(`cannot read ${source}: ${(error as Error).message.split("\n")[0]}; set ATLAS_TRAIN_TEXT to a local file`);
  }
  if (!blob) throw new AtlasError(`${source} does not exist`);
  return blob;
}
