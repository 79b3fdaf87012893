// Float32 arrays as base64 text, for the evidence cache: exact values in a third of the JSON size of
// decimal numbers.
export function encodeFloat32(values: ArrayLike<number>): string {
  const f32 = Float32Array.from(values);
  return Buffer.from(f32.buffer, f32.byteOffset, f32.byteLength).toString("base64");
}

export function decodeFloat32(text: string): Float32Array {
  const bytes = Buffer.from(text, "base64");
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes); // aligned
  return new Float32Array(copy.buffer);
}
