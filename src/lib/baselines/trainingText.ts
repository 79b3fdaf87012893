// Where the baselines' training text comes from:
//   ATLAS_TRAIN_TEXT=<path>  a JSON array of stories, or text with stories separated by <|endoftext|>
//                            (relative paths from the repository root);
//   ATLAS_TRAIN_TEXT=hub     the hub's roneneldan/TinyStories TinyStories-train.txt (a prefix of it);
//   unset                    ../shared/data/tinystories-train-first1000.json beside the repository when it
//                            exists and holds the stories asked for, else the hub.
//   ATLAS_TRAIN_STORIES=N    the first N stories (default: all of a file; 1000 from the hub, as the
//                            shared file has).
// The hash covers exactly the stories used, joined by <|endoftext|>, so that the same stories give the
// same hash whichever file format they came in.
import fs from "node:fs";
import path from "node:path";
import { AtlasError } from "../errors.ts";
import { sha256 } from "../io/hashCache.ts";
import { splitStories, STORY_SEPARATOR } from "../tasks/stories.ts";
import { hubTrainingStories, type HubTrainingTextOptions } from "./hubTrainingText.ts";

export const SHARED_TRAIN_FILE = "../shared/data/tinystories-train-first1000.json";
export const DEFAULT_HUB_STORIES = 1000;

export interface TrainingText {
  stories: string[];
  /** sha256 of stories.join("<|endoftext|>"). */
  sha256: string;
  /** The file or hub file the stories are the first of. */
  source: string;
  /** For provenance: "the first 1000 stories of <source>". */
  description: string;
}

export interface TrainingTextOptions extends Omit<HubTrainingTextOptions, "stories" | "env"> {
  /** The repository root: ../shared and relative ATLAS_TRAIN_TEXT paths are resolved from it. */
  root: string;
  /** Where ATLAS_TRAIN_TEXT, ATLAS_TRAIN_STORIES and the HF_* variables are read. */
  env: Record<string, string | undefined>;
}

export async function loadTrainingText(opts: TrainingTextOptions): Promise<TrainingText> {
  const wanted = parseStoryCount(opts.env.ATLAS_TRAIN_STORIES);
  const spec = opts.env.ATLAS_TRAIN_TEXT?.trim() || undefined;
  if (spec === "hub") return fromHub(opts, wanted ?? DEFAULT_HUB_STORIES);
  if (spec !== undefined) return fromFile(path.resolve(opts.root, spec), wanted, "ATLAS_TRAIN_TEXT");
  const shared = path.resolve(opts.root, SHARED_TRAIN_FILE);
  if (fs.existsSync(shared)) {
    const stories = readStoryFile(shared);
    if (wanted === undefined || wanted <= stories.length) return trainingText(stories.slice(0, wanted), shared);
  }
  return fromHub(opts, wanted ?? DEFAULT_HUB_STORIES);
}

function fromFile(file: string, wanted: number | undefined, variable: string): TrainingText {
  if (!fs.existsSync(file)) throw new AtlasError(`${variable}: no file ${file}`);
  const stories = readStoryFile(file);
  if (wanted !== undefined && wanted > stories.length) {
    throw new AtlasError(`ATLAS_TRAIN_STORIES asks for ${wanted} stories, and ${file} holds ${stories.length}`);
  }
  return trainingText(stories.slice(0, wanted), file);
}

async function fromHub(opts: TrainingTextOptions, wanted: number): Promise<TrainingText> {
  const { stories, source } = await hubTrainingStories({ ...opts, stories: wanted });
  return trainingText(stories, source);
}

function trainingText(stories: string[], source: string): TrainingText {
  return {
    stories,
    sha256: storiesSha256(stories),
    source,
    description: `the first ${stories.length} stories of ${source}`,
  };
}

export function storiesSha256(stories: readonly string[]): string {
  return sha256(stories.join(STORY_SEPARATOR));
}

/** Stories of a .json array of strings, or of <|endoftext|>-separated text; trimmed, empty ones dropped. */
export function readStoryFile(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  if (!file.toLowerCase().endsWith(".json")) return splitStories(text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AtlasError(`is not valid JSON (${(error as Error).message})`, { file });
  }
  if (!Array.isArray(json) || !json.every((s) => typeof s === "string")) {
    throw new AtlasError("is not a JSON array of story strings", { file });
  }
  return json.map((s: string) => s.trim()).filter((s) => s.length > 0);
}

function parseStoryCount(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new AtlasError(`ATLAS_TRAIN_STORIES must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}
