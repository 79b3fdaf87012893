// Pattern labels as bitsets, with no dependencies, so the producer and the browser pages share one codec.
// patterns.bin is one bitset per pattern, in patterns.json's order, each bitsetBytes(n) bytes: token t is
// bit (t & 7) (least significant first) of byte t >> 3; bits past n are 0.

export function bitsetBytes(n: number): number {
  return Math.ceil(n / 8);
}

/** Packs a 0/1 column into a bitset. */
export function packBits(flags: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(bitsetBytes(flags.length));
  for (let t = 0; t < flags.length; t++) if (flags[t]) out[t >> 3] |= 1 << (t & 7);
  return out;
}

/** Unpacks a bitset of n tokens into a 0/1 column. */
export function unpackBits(bits: Uint8Array, n: number): Uint8Array {
  if (bits.length !== bitsetBytes(n)) throw new Error(`a bitset for ${n} tokens has ${bitsetBytes(n)} bytes, not ${bits.length}`);
  return Uint8Array.from({ length: n }, (_, t) => (bits[t >> 3] >> (t & 7)) & 1);
}

/** All patterns' bitsets, one after another. */
export function encodePatternBits(columns: readonly Uint8Array[]): Uint8Array {
  const n = columns[0]?.length ?? 0;
  const out = new Uint8Array(columns.length * bitsetBytes(n));
  columns.forEach((c, k) => out.set(packBits(c), k * bitsetBytes(n)));
  return out;
}

/** The 0/1 columns of `count` patterns over n tokens. */
export function decodePatternBits(bytes: Uint8Array, count: number, n: number): Uint8Array[] {
  const size = bitsetBytes(n);
  if (bytes.length !== count * size) throw new Error(`a pattern file for ${count} patterns of ${n} tokens has ${count * size} bytes, not ${bytes.length}`);
  return Array.from({ length: count }, (_, k) => unpackBits(bytes.subarray(k * size, (k + 1) * size), n));
}
