// The atlas's tokenizer: GPT-2 BPE run by transformers.js from tokenizer.json + tokenizer_config.json objects.
// No file system here, so that the browser's probes use the very same code.
import { PreTrainedTokenizer } from "@huggingface/transformers";
import { AtlasError } from "../errors.ts";

/** What the atlas needs of a tokenizer. */
export interface Tokenizer {
  /** Token ids of text, with no special tokens added (GPT-2 adds none anyway). */
  encode(text: string): number[];
  /** The text of ids, byte-exact: no clean-up of spaces, special tokens kept. */
  decode(ids: readonly number[]): string;
  /** The text of one token, e.g. " time"; a token holding part of a UTF-8 character gives U+FFFD. */
  tokenText(id: number): string;
  /** Number of ids, added tokens included (50257 for GPT-2). */
  readonly vocabSize: number;
}

/**
 * Built directly from the two JSON objects rather than through AutoTokenizer.from_pretrained, which would
 * need the global `env` switched to local-only files; the class it would pick (GPT2Tokenizer) adds nothing.
 */
export function tokenizerFromJson(tokenizerJson: object, tokenizerConfig: object, model?: string): Tokenizer {
  let inner: PreTrainedTokenizer;
  try {
    inner = new PreTrainedTokenizer(tokenizerJson, tokenizerConfig);
  } catch (error) {
    throw new AtlasError(`transformers.js rejects the tokenizer: ${(error as Error).message}`, { model, file: "tokenizer.json" });
  }
  const vocabSize = inner.get_vocab().size;
  const checkIds = (ids: readonly number[]) => {
    for (const id of ids) {
      if (!Number.isInteger(id) || id < 0 || id >= vocabSize) {
        throw new AtlasError(`token id ${id} is outside the vocabulary of ${vocabSize} tokens`, { model });
      }
    }
  };
  const decode = (ids: readonly number[]) => {
    checkIds(ids);
    // transformers.js refuses an empty list; the text of no tokens is "".
    if (ids.length === 0) return "";
    return inner.decode([...ids], { skip_special_tokens: false, clean_up_tokenization_spaces: false });
  };
  return {
    encode: (text) => inner.encode(text, { add_special_tokens: false }),
    decode,
    tokenText: (id) => decode([id]),
    vocabSize,
  };
}
