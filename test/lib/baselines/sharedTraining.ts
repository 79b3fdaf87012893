// The shared training file and GPT-2 tokenizer, for the tests that check real predictions.
import { existsSync } from "node:fs";
import path from "node:path";
import { buildTokenizerFilesFromFolder } from "../../../src/lib/models/buildTokenizerJson.ts";
import { tokenizerFromJson, type Tokenizer } from "../../../src/lib/models/tokenizer.ts";
import { sharedDir } from "../../sharedPath.ts";

export const sharedTrainFile = path.join(sharedDir, "data", "tinystories-train-first1000.json");
export const sharedModelFolder = path.join(sharedDir, "models", "tinystories-1L-256-replica");
export const haveSharedData = existsSync(sharedTrainFile) && existsSync(path.join(sharedModelFolder, "vocab.json"));

export async function sharedTokenizer(): Promise<Tokenizer> {
  const { tokenizerJson, tokenizerConfig } = await buildTokenizerFilesFromFolder(sharedModelFolder);
  return tokenizerFromJson(tokenizerJson, tokenizerConfig);
}
