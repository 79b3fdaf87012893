// The binary layout of per-token columns, with no dependencies, so the browser pages decode the same
// files with the same code as the producers that write them.

/** Top tokens kept per position. */
export const TOKEN_TOP_K = 5;

/** One scorer's columns, each of length n (top columns n * TOKEN_TOP_K). */
export interface TokenColumns {
  /** log p(actual token | preceding story tokens), natural log. */
  logprob: Float32Array;
  /** 1 + number of tokens with a larger logit than the actual token. */
  rank: Int32Array;
  /** The TOKEN_TOP_K most likely ids at each position. */
  topIds: Int32Array;
  /** Their log-probabilities. */
  topLogprobs: Float32Array;
  /** 1 where the actual token is top-1 with p >= the threshold. */
  confident: Uint8Array;
}

/** Bytes of a column file: logprob, rank, topIds, topLogprobs, confident, in this order. */
export function columnsBytes(n: number): number {
  return n * (4 + 4 + 4 * TOKEN_TOP_K + 4 * TOKEN_TOP_K + 1);
}

export function encodeColumns(c: TokenColumns): Uint8Array {
  const n = c.logprob.length;
  const out = new Uint8Array(columnsBytes(n));
  const view = new DataView(out.buffer);
  let at = 0;
  const put32 = (values: Float32Array | Int32Array, float: boolean) => {
    for (let i = 0; i < values.length; i++, at += 4) {
      if (float) view.setFloat32(at, values[i], true);
      else view.setInt32(at, values[i], true);
    }
  };
  put32(c.logprob, true);
  put32(c.rank, false);
  put32(c.topIds, false);
  put32(c.topLogprobs, true);
  out.set(c.confident, at);
  return out;
}

export function decodeColumns(bytes: Uint8Array, n: number): TokenColumns {
  if (bytes.byteLength !== columnsBytes(n)) throw new Error(`a column file for ${n} tokens has ${columnsBytes(n)} bytes, not ${bytes.byteLength}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const take32 = (length: number, float: boolean) => {
    const out = float ? new Float32Array(length) : new Int32Array(length);
    for (let i = 0; i < length; i++, at += 4) out[i] = float ? view.getFloat32(at, true) : view.getInt32(at, true);
    return out;
  };
  const logprob = take32(n, true) as Float32Array;
  const rank = take32(n, false) as Int32Array;
  const topIds = take32(n * TOKEN_TOP_K, false) as Int32Array;
  const topLogprobs = take32(n * TOKEN_TOP_K, true) as Float32Array;
  const confident = bytes.slice(at, at + n);
  return { logprob, rank, topIds, topLogprobs, confident };
}

export function encodeIds(ids: Int32Array): Uint8Array {
  const out = new Uint8Array(ids.length * 4);
  const view = new DataView(out.buffer);
  ids.forEach((id, i) => view.setInt32(i * 4, id, true));
  return out;
}

export function decodeIds(bytes: Uint8Array): Int32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Int32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getInt32(i * 4, true));
}

/** Concatenates columns of consecutive story ranges (shards) in order. */
export function concatColumns(parts: TokenColumns[]): TokenColumns {
  const cat = <T extends Float32Array | Int32Array | Uint8Array>(pick: (c: TokenColumns) => T, make: (n: number) => T): T => {
    const out = make(parts.reduce((n, p) => n + pick(p).length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(pick(p) as never, at);
      at += pick(p).length;
    }
    return out;
  };
  return {
    logprob: cat((c) => c.logprob, (n) => new Float32Array(n)),
    rank: cat((c) => c.rank, (n) => new Int32Array(n)),
    topIds: cat((c) => c.topIds, (n) => new Int32Array(n)),
    topLogprobs: cat((c) => c.topLogprobs, (n) => new Float32Array(n)),
    confident: cat((c) => c.confident, (n) => new Uint8Array(n)),
  };
}
