// Tensors as read from a checkpoint: a dtype, a shape and a typed array over the raw little-endian data.

/** Element types that TinyStories checkpoints contain (weights and attention-mask buffers). */
export type DType = "float32" | "float16" | "int64" | "int32" | "uint8" | "bool";

export type TensorData = Float32Array | Uint16Array | BigInt64Array | Int32Array | Uint8Array;

export interface HostTensor {
  dtype: DType;
  shape: number[];
  data: TensorData;
}

/** Parameter and buffer names to tensors, in checkpoint order. */
export type StateDict = Map<string, HostTensor>;

export const bytesPerElement: Record<DType, number> = {
  float32: 4,
  float16: 2,
  int64: 8,
  int32: 4,
  uint8: 1,
  bool: 1,
};

export function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A typed array over a copy of `bytes` (copied so the view is aligned and owns its memory). */
export function typedArrayFromBytes(dtype: DType, bytes: Uint8Array): TensorData {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const buf = copy.buffer;
  switch (dtype) {
    case "float32":
      return new Float32Array(buf);
    case "float16":
      return new Uint16Array(buf);
    case "int64":
      return new BigInt64Array(buf);
    case "int32":
      return new Int32Array(buf);
    case "uint8":
    case "bool":
      return copy;
  }
}

/** The tensor as float32, for weights stored in another float type. */
export function asFloat32(t: HostTensor): Float32Array {
  if (t.data instanceof Float32Array) return t.data;
  if (t.dtype === "float16") return float16ToFloat32(t.data as Uint16Array);
  throw new Error(`cannot read a ${t.dtype} tensor as float32`);
}

function float16ToFloat32(h: Uint16Array): Float32Array {
  const out = new Float32Array(h.length);
  for (let i = 0; i < h.length; i++) {
    const x = h[i];
    const sign = x & 0x8000 ? -1 : 1;
    const exp = (x >> 10) & 0x1f;
    const frac = x & 0x3ff;
    if (exp === 0) out[i] = sign * 2 ** -14 * (frac / 1024);
    else if (exp === 31) out[i] = frac ? NaN : sign * Infinity;
    else out[i] = sign * 2 ** (exp - 15) * (1 + frac / 1024);
  }
  return out;
}
