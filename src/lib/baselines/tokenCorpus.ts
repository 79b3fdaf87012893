// Tokenized training stories in one flat typed array: 2 bytes a token (GPT-2 ids fit 16 bits), so that
// 20M tokens are 40 MB rather than the ~200 MB of one number[] per story.

/** The token ids of many stories, concatenated; story s is ids[starts[s]] .. ids[starts[s + 1] - 1]. */
export interface TokenCorpus {
  ids: Uint16Array;
  /** Length = number of stories + 1; starts[0] = 0, last = ids.length. */
  starts: Uint32Array;
}

/** Largest vocabulary a Uint16Array of ids can hold. */
export const MAX_VOCAB_SIZE = 65536;

export function storyCount(corpus: TokenCorpus): number {
  return corpus.starts.length - 1;
}

/** A corpus from one id array per story (tests, small inputs). */
export function tokenCorpus(stories: readonly (readonly number[])[]): TokenCorpus {
  const total = stories.reduce((n, s) => n + s.length, 0);
  const ids = new Uint16Array(total);
  const starts = new Uint32Array(stories.length + 1);
  let at = 0;
  stories.forEach((story, s) => {
    for (const id of story) {
      if (!Number.isInteger(id) || id < 0 || id >= MAX_VOCAB_SIZE) throw new Error(`story ${s}: token id ${id} does not fit 16 bits`);
      ids[at++] = id;
    }
    starts[s + 1] = at;
  });
  return { ids, starts };
}

/** Encodes each story with `encode` into a corpus, growing the id array as needed. */
export function encodeCorpus(stories: readonly string[], encode: (text: string) => number[]): TokenCorpus {
  let ids = new Uint16Array(Math.max(1024, stories.length * 256));
  const starts = new Uint32Array(stories.length + 1);
  let at = 0;
  stories.forEach((story, s) => {
    const encoded = encode(story);
    if (at + encoded.length > ids.length) {
      const grown = new Uint16Array(Math.max(ids.length * 2, at + encoded.length));
      grown.set(ids.subarray(0, at));
      ids = grown;
    }
    for (const id of encoded) {
      if (id < 0 || id >= MAX_VOCAB_SIZE) throw new Error(`story ${s}: token id ${id} does not fit 16 bits`);
      ids[at++] = id;
    }
    starts[s + 1] = at;
  });
  return { ids: ids.slice(0, at), starts };
}
