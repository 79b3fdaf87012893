// Unigram, bigram and trigram counts over tokenized stories. Each story is bracketed by <|endoftext|> as
// the training stream has it: [EOT, EOT, s1 .. sn, EOT] for trigrams and [EOT, s1 .. sn, EOT] for bigrams,
// so the first tokens of a story have a context ("Once" after EOT; "upon" after EOT "Once") and the end of
// a story is a prediction too. The padding EOTs are context only; counted tokens are s1 .. sn and the final EOT.
import { checkKeyRange, tableFromKeys, type NgramTable } from "./ngramTable.ts";
import { MAX_VOCAB_SIZE, storyCount, type TokenCorpus } from "./tokenCorpus.ts";
import { END_OF_TEXT_ID } from "../models/endOfText.ts";

export interface NgramCounts {
  vocabSize: number;
  boundaryId: number;
  stories: number;
  /** Predicted tokens: the stories' tokens plus one end boundary per story. */
  tokens: number;
  /** c(w) for every id, over predicted tokens. */
  unigram: Uint32Array;
  /** c(b, c): context key b. */
  bigram: NgramTable;
  /** c(a, b, c): context key a * V + b. */
  trigram: NgramTable;
}

export interface CountOptions {
  vocabSize?: number;
  boundaryId?: number;
}

export function countNgrams(corpus: TokenCorpus, opts: CountOptions = {}): NgramCounts {
  const V = opts.vocabSize ?? END_OF_TEXT_ID + 1;
  const boundary = opts.boundaryId ?? END_OF_TEXT_ID;
  if (V > MAX_VOCAB_SIZE) throw new Error(`vocabulary of ${V} ids: token ids are stored in 16 bits`);
  if (boundary < 0 || boundary >= V) throw new Error(`boundary id ${boundary} is outside the vocabulary of ${V}`);
  checkKeyRange(V, 2);
  const stories = storyCount(corpus);
  const tokens = corpus.ids.length + stories;
  const unigram = new Uint32Array(V);
  // One key per predicted token; the same buffer serves bigrams, then trigrams (tables copy what they keep).
  const keys = new Float64Array(tokens);

  let k = 0;
  forEachPrediction(corpus, boundary, V, (_a, b, c) => {
    unigram[c]++;
    keys[k++] = b * V + c;
  });
  const bigram = tableFromKeys(keys, V);

  k = 0;
  forEachPrediction(corpus, boundary, V, (a, b, c) => {
    keys[k++] = (a * V + b) * V + c;
  });
  const trigram = tableFromKeys(keys, V);

  return { vocabSize: V, boundaryId: boundary, stories, tokens, unigram, bigram, trigram };
}

/** Calls visit(a, b, c) for every predicted token c with its two preceding ids, boundaries included. */
function forEachPrediction(
  corpus: TokenCorpus,
  boundary: number,
  V: number,
  visit: (a: number, b: number, c: number) => void,
): void {
  const { ids, starts } = corpus;
  for (let s = 0; s + 1 < starts.length; s++) {
    let a = boundary;
    let b = boundary;
    for (let i = starts[s]; i <= starts[s + 1]; i++) {
      const c = i < starts[s + 1] ? ids[i] : boundary;
      if (c >= V) throw new Error(`story ${s}: token id ${c} is outside the vocabulary of ${V}`);
      visit(a, b, c);
      a = b;
      b = c;
    }
  }
}
