// Torch's tensor pieces as pickled by torch.save: storage types, storages, and _rebuild_tensor_v2.
import { type DType, type HostTensor, bytesPerElement, numel, typedArrayFromBytes } from "./tensor.ts";

/** What `torch.FloatStorage` and friends unpickle to: the element type of a storage. */
export class TorchStorageType {
  constructor(
    readonly name: string,
    readonly dtype: DType,
  ) {}
}

/** A storage: its element type and its raw little-endian bytes (a subarray of the zip, not a copy). */
export class TorchStorage {
  constructor(
    readonly key: string,
    readonly dtype: DType,
    readonly bytes: Uint8Array,
  ) {}
}

/** The storage types a TinyStories checkpoint may hold, by their global name. */
export const torchStorageTypes: ReadonlyMap<string, TorchStorageType> = new Map(
  (
    [
      ["torch.FloatStorage", "float32"],
      ["torch.HalfStorage", "float16"],
      ["torch.LongStorage", "int64"],
      ["torch.IntStorage", "int32"],
      ["torch.ByteStorage", "uint8"],
      ["torch.BoolStorage", "bool"],
    ] as const
  ).map(([name, dtype]) => [name, new TorchStorageType(name, dtype)]),
);

type Fail = (problem: string) => Error;

/**
 * `torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, ...)`: the tensor's elements
 * copied out of its storage (once), as a contiguous row-major HostTensor.
 */
export function rebuildTensor(args: unknown[], fail: Fail): HostTensor {
  const [storage, offset, size, stride] = args;
  if (!(storage instanceof TorchStorage)) throw fail("a pickled tensor has no storage");
  const where = `tensor on storage data/${storage.key}`;
  if (!isIndex(offset)) throw fail(`${where} has a bad storage offset`);
  if (!Array.isArray(size) || !size.every(isIndex)) throw fail(`${where} has a bad size`);
  if (!Array.isArray(stride) || stride.length !== size.length || !stride.every(isIndex)) {
    throw fail(`${where} has a bad stride [${String(stride)}] for size [${size}]`);
  }
  const shape = size as number[];
  const strides = stride as number[];
  const bpe = bytesPerElement[storage.dtype];
  const count = numel(shape);
  // The furthest element the view touches must lie inside the storage.
  const last = count === 0 ? offset : offset + shape.reduce((sum, n, i) => sum + (n - 1) * strides[i], 0) + 1;
  if (last * bpe > storage.bytes.byteLength) {
    throw fail(`${where} reads ${last} elements from a storage of ${storage.bytes.byteLength / bpe}`);
  }
  const bytes = isContiguous(shape, strides)
    ? storage.bytes.subarray(offset * bpe, (offset + count) * bpe)
    : gatherStrided(storage.bytes, bpe, offset, shape, strides);
  return { dtype: storage.dtype, shape: [...shape], data: typedArrayFromBytes(storage.dtype, bytes) };
}

function isIndex(x: unknown): x is number {
  return typeof x === "number" && Number.isInteger(x) && x >= 0;
}

/** Row-major strides; a dimension of size 1 may have any stride, as in torch. */
function isContiguous(shape: number[], strides: number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] !== 1 && strides[i] !== expected) return false;
    expected *= shape[i];
  }
  return true;
}

/** The elements of a strided view in row-major order. Rare in state dicts; costs one extra copy. */
function gatherStrided(src: Uint8Array, bpe: number, offset: number, shape: number[], strides: number[]): Uint8Array {
  const count = numel(shape);
  const out = new Uint8Array(count * bpe);
  const index = new Array<number>(shape.length).fill(0);
  let from = offset;
  for (let k = 0; k < count; k++) {
    out.set(src.subarray(from * bpe, (from + 1) * bpe), k * bpe);
    // Odometer step: bump the last dimension, carrying into earlier ones.
    for (let d = shape.length - 1; d >= 0; d--) {
      index[d]++;
      from += strides[d];
      if (index[d] < shape[d]) break;
      from -= index[d] * strides[d];
      index[d] = 0;
    }
  }
  return out;
}
