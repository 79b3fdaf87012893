// model.safetensors: 8-byte little-endian header length, a JSON header, then raw tensor bytes.
import { AtlasError } from "../errors.ts";
import { type DType, type StateDict, bytesPerElement, numel, typedArrayFromBytes } from "./tensor.ts";

const dtypes: Record<string, DType> = {
  F32: "float32",
  F16: "float16",
  I64: "int64",
  I32: "int32",
  U8: "uint8",
  BOOL: "bool",
};

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

export function readSafetensors(bytes: Uint8Array, file: string, model?: string): StateDict {
  const fail = (problem: string) => new AtlasError(problem, { model, file });
  if (bytes.byteLength < 8) throw fail("not a safetensors file: shorter than its 8-byte header length");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (headerLength > bytes.byteLength - 8) {
    throw fail(`truncated or not a safetensors file: header of ${headerLength} bytes in a ${bytes.byteLength}-byte file`);
  }
  let header: Record<string, HeaderEntry | Record<string, string>>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch {
    throw fail("not a safetensors file: its header is not JSON");
  }
  const dataStart = 8 + headerLength;
  const out: StateDict = new Map();
  for (const [name, entry] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const { dtype, shape, data_offsets } = entry as HeaderEntry;
    const mapped = dtypes[dtype];
    if (!mapped) throw fail(`tensor ${name} has unsupported dtype ${dtype}`);
    const [begin, end] = data_offsets;
    if (end - begin !== numel(shape) * bytesPerElement[mapped]) {
      throw fail(`tensor ${name}: ${end - begin} bytes for shape [${shape}] of ${dtype}`);
    }
    if (dataStart + end > bytes.byteLength) throw fail(`truncated: tensor ${name} ends past the end of the file`);
    out.set(name, { dtype: mapped, shape, data: typedArrayFromBytes(mapped, bytes.subarray(dataStart + begin, dataStart + end)) });
  }
  return out;
}
