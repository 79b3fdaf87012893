// The stories that every model and baseline scores token by token:
//   ATLAS_STORY_TEXT=<path>  a file of <|endoftext|>-separated stories (or a JSON array), from the repo root;
//   ATLAS_STORY_TEXT=hub     the hub's roneneldan/TinyStories TinyStories-valid.txt (a prefix of it);
//   unset                    ../shared/data/tinystories-valid-first201.txt when it exists, else the hub.
//   ATLAS_STORIES=N          the first N stories (default 201, as the shared file holds).
import fs from "node:fs";
import path from "node:path";
import { AtlasError } from "../errors.ts";
import { hubTrainingStories } from "../baselines/hubTrainingText.ts";
import { readStoryFile, storiesSha256 } from "../baselines/trainingText.ts";

export const SHARED_VALID_FILE = "../shared/data/tinystories-valid-first201.txt";
export const TINYSTORIES_VALID_FILE = "TinyStories-valid.txt";
export const DEFAULT_STORIES = 201;

export interface StoryText {
  stories: string[];
  /** sha256 of the stories joined by <|endoftext|>. */
  sha256: string;
  /** Where they came from (repository-relative path or hub file). */
  source: string;
}

export async function loadValidationStories(opts: {
  root: string;
  env: Record<string, string | undefined>;
  cacheDir: string;
  offline?: boolean;
  fetch?: typeof fetch;
}): Promise<StoryText> {
  const count = opts.env.ATLAS_STORIES ? Number(opts.env.ATLAS_STORIES) : DEFAULT_STORIES;
  if (!Number.isInteger(count) || count <= 0) throw new AtlasError(`ATLAS_STORIES must be a positive integer, not "${opts.env.ATLAS_STORIES}"`);
  const spec = opts.env.ATLAS_STORY_TEXT?.trim() || undefined;
  const local = spec && spec !== "hub" ? path.resolve(opts.root, spec) : spec === undefined ? path.resolve(opts.root, SHARED_VALID_FILE) : undefined;
  if (local && fs.existsSync(local)) {
    const all = readStoryFile(local);
    if (count > all.length) throw new AtlasError(`ATLAS_STORIES asks for ${count} stories, and ${local} holds ${all.length}`);
    const stories = all.slice(0, count);
    return { stories, sha256: storiesSha256(stories), source: path.relative(opts.root, local) };
  }
  if (spec && spec !== "hub") throw new AtlasError(`ATLAS_STORY_TEXT: no file ${local}`);
  const { stories, source } = await hubTrainingStories({
    stories: count,
    cacheDir: path.join(opts.cacheDir, "stories"),
    file: TINYSTORIES_VALID_FILE,
    offline: opts.offline,
    fetch: opts.fetch,
    env: opts.env,
  });
  return { stories, sha256: storiesSha256(stories), source };
}
