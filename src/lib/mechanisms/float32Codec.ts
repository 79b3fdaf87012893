// Float32 arrays as base64 text, for the evidence cache: exact values in a third of the JSON size of
// decimal numbers.
import { typedArrayFromBytes } from "../models/tensor.ts";

export function encodeFloat32(values: ArrayLike<number>): string {
  const f32 = Float32Array.from(values);
  return Buffer.from(f32.buffer, f32.byteOffset, f32.byteLength).toString("base64");
}

export function decodeFloat32(text: string): Float32Array {
  return typedArrayFromBytes("float32", Buffer.from(text, "base64")) as Float32Array; // an aligned copy
}
