// GPT-2 BPE as the hub repos ship it (vocab.json + merges.txt) -> the tokenizer.json + tokenizer_config.json
// that transformers.js needs: what Python's GPT2TokenizerFast writes when it converts the slow tokenizer.
import { AtlasError } from "../errors.ts";
import { readModelFile } from "./readModelFile.ts";

/** GPT-2's only special token: end of text, also used as bos and unk. */
export const endOfText = "<|endoftext|>";

export interface TokenizerJsonOptions {
  /** Model id or folder, for error messages. */
  model?: string;
  /** File names for error messages (the defaults are the hub's names). */
  vocabFile?: string;
  mergesFile?: string;
}

export function buildTokenizerJson(vocabJson: string, mergesTxt: string, opts: TokenizerJsonOptions = {}): object {
  const vocab = parseVocab(vocabJson, opts.model, opts.vocabFile ?? "vocab.json");
  const merges = parseMerges(mergesTxt, vocab, opts.model, opts.mergesFile ?? "merges.txt");
  const endOfTextId = Object.hasOwn(vocab, endOfText) ? vocab[endOfText] : undefined;
  if (endOfTextId === undefined) {
    throw new AtlasError(`has no ${endOfText} token`, { model: opts.model, file: opts.vocabFile ?? "vocab.json" });
  }
  // Offsets options (trim_offsets, the post-processor's add_prefix_space) only change offsets, never ids;
  // they are written as the Python converter writes them.
  const byteLevel = { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true };
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [
      { id: endOfTextId, content: endOfText, single_word: false, lstrip: false, rstrip: false, normalized: true, special: true },
    ],
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: { type: "ByteLevel", add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      // Pairs rather than "a b" strings: the format tokenizers >= 0.20 writes; transformers.js reads both.
      merges,
    },
  };
}

export interface TokenizerConfigOptions {
  /** Longest input the model reads: config.json's max_position_embeddings. */
  modelMaxLength: number;
}

export function buildTokenizerConfig(opts: TokenizerConfigOptions): object {
  return {
    tokenizer_class: "GPT2Tokenizer",
    bos_token: endOfText,
    eos_token: endOfText,
    unk_token: endOfText,
    add_prefix_space: false,
    add_bos_token: false,
    model_max_length: opts.modelMaxLength,
    // Python's default clean-up (" ," -> ",", " 's" -> "'s") is lossy: decode(encode(x)) must give x back.
    clean_up_tokenization_spaces: false,
  };
}

/** Reads vocab.json, merges.txt and config.json of a model folder in the hub's layout. */
export async function buildTokenizerFilesFromFolder(
  folder: string,
  model: string = folder,
): Promise<{ tokenizerJson: object; tokenizerConfig: object }> {
  const read = (file: string) => readModelFile(folder, file, model);
  const [vocabJson, mergesTxt, configJson] = await Promise.all([read("vocab.json"), read("merges.txt"), read("config.json")]);
  let maxPositions: unknown;
  try {
    maxPositions = (JSON.parse(configJson) as { max_position_embeddings?: unknown }).max_position_embeddings;
  } catch {
    throw new AtlasError("is not valid JSON", { model, file: "config.json" });
  }
  if (typeof maxPositions !== "number" || !Number.isInteger(maxPositions) || maxPositions <= 0) {
    throw new AtlasError("max_position_embeddings is missing or not a positive integer", { model, file: "config.json" });
  }
  return {
    tokenizerJson: buildTokenizerJson(vocabJson, mergesTxt, { model }),
    tokenizerConfig: buildTokenizerConfig({ modelMaxLength: maxPositions }),
  };
}

function parseVocab(text: string, model: string | undefined, file: string): Record<string, number> {
  const fail = (problem: string) => new AtlasError(problem, { model, file });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw fail(`is not valid JSON (${(error as Error).message})`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw fail("is not a JSON object of token -> id");
  const vocab = json as Record<string, unknown>;
  const seen = new Set<number>();
  for (const [token, id] of Object.entries(vocab)) {
    if (typeof id !== "number" || !Number.isInteger(id) || id < 0) {
      throw fail(`token ${JSON.stringify(token)} has id ${JSON.stringify(id)}, not a non-negative integer`);
    }
    if (seen.has(id)) throw fail(`id ${id} is given to more than one token (again to ${JSON.stringify(token)})`);
    seen.add(id);
  }
  if (seen.size === 0) throw fail("is empty");
  return vocab as Record<string, number>;
}

function parseMerges(text: string, vocab: Record<string, number>, model: string | undefined, file: string): [string, string][] {
  const lines = text.split("\n");
  const merges: [string, string][] = [];
  lines.forEach((raw, index) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    // Rust tokenizers skip a "#version" header; the slow Python tokenizer drops line 1 whatever it is.
    if (index === 0 && line.startsWith("#version")) return;
    if (line === "") return;
    const parts = line.split(" ");
    const fail = (problem: string) => new AtlasError(`line ${index + 1}: ${problem}`, { model, file });
    if (parts.length !== 2 || !parts[0] || !parts[1]) {
      throw fail(`expected two tokens separated by one space, got ${JSON.stringify(line)}`);
    }
    const [a, b] = parts as [string, string];
    // As Rust tokenizers checks when it builds the model: both halves and their merge are tokens.
    for (const token of [a, b, a + b]) {
      if (!Object.hasOwn(vocab, token)) throw fail(`merge ${JSON.stringify(line)}: ${JSON.stringify(token)} is not in the vocabulary`);
    }
    merges.push([a, b]);
  });
  if (merges.length === 0) throw new AtlasError("has no merges", { model, file });
  return merges;
}
