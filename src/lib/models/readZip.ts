// A minimal zip reader for torch.save archives: central directory (zip64 aware), stored entries only.
// torch.save writes every entry uncompressed (method 0) and 64-byte aligned, so entry data can be handed
// out as subarrays of the file without copying or inflating.
import { AtlasError } from "../errors.ts";

const EOCD = 0x06054b50;
const ZIP64_EOCD_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

interface CentralDirectory {
  entries: number;
  offset: number;
  size: number;
}

/** Entry names to their data (subarrays of `bytes`), in central-directory order. */
export function readZip(bytes: Uint8Array, file: string, model?: string): Map<string, Uint8Array> {
  const fail = (problem: string) => new AtlasError(problem, { model, file });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  /** Throws a "truncated" error unless `length` bytes from `at` lie inside the file. */
  const need = (at: number, length: number, what: string) => {
    if (at < 0 || at + length > bytes.byteLength) {
      throw fail(`truncated or corrupt zip: ${what} at byte ${at} runs past the end of the ${bytes.byteLength}-byte file`);
    }
  };

  const u64 = (at: number) => {
    need(at, 8, "64-bit field");
    return toSafeNumber(view.getBigUint64(at, true), fail);
  };

  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) {
    throw fail(`truncated or not a zip file: no end-of-central-directory record in its last ${EOCD_SIZE + MAX_COMMENT} bytes`);
  }
  let dir: CentralDirectory = { entries: u16(eocd + 10), size: u32(eocd + 12), offset: u32(eocd + 16) };
  // A zip64 locator sits right before the classic record; where present its record has the true counts.
  const locator = eocd - 20;
  if (locator >= 0 && u32(locator) === ZIP64_EOCD_LOCATOR) {
    const at = u64(locator + 8);
    need(at, 56, "zip64 end-of-central-directory record");
    if (u32(at) !== ZIP64_EOCD) throw fail(`corrupt zip: no zip64 end-of-central-directory record at byte ${at}`);
    dir = { entries: u64(at + 32), size: u64(at + 40), offset: u64(at + 48) };
  }
  need(dir.offset, dir.size, "central directory");

  const out = new Map<string, Uint8Array>();
  const decoder = new TextDecoder();
  let at = dir.offset;
  for (let i = 0; i < dir.entries; i++) {
    need(at, 46, "central directory entry");
    if (u32(at) !== CENTRAL_HEADER) throw fail(`corrupt zip: central directory entry ${i} has a bad signature`);
    const method = u16(at + 10);
    let compressedSize = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let localOffset = u32(at + 42);
    need(at + 46, nameLength + extraLength + commentLength, "central directory entry");
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));

    // Zip64 extra field: 64-bit values for exactly those fields that hold 0xffffffff, in this order.
    for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; x += 4 + u16(x + 2)) {
      if (u16(x) !== ZIP64_EXTRA) continue;
      let field = x + 4;
      if (size === 0xffffffff) {
        size = u64(field);
        field += 8;
      }
      if (compressedSize === 0xffffffff) {
        compressedSize = u64(field);
        field += 8;
      }
      if (localOffset === 0xffffffff) localOffset = u64(field);
    }
    if (method !== 0) {
      throw fail(`zip entry ${name} is compressed (method ${method}); only stored entries (method 0, as torch.save writes) are supported`);
    }
    if (compressedSize !== size) throw fail(`corrupt zip: stored entry ${name} has ${compressedSize} bytes for ${size}`);

    // Sizes in the local header may be zero (torch writes data descriptors); only its lengths matter.
    need(localOffset, 30, `local header of ${name}`);
    if (u32(localOffset) !== LOCAL_HEADER) throw fail(`corrupt zip: entry ${name} has no local header at byte ${localOffset}`);
    const dataStart = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
    need(dataStart, size, `data of ${name}`);
    out.set(name, bytes.subarray(dataStart, dataStart + size));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** Byte offset of the end-of-central-directory record, searching back over a possible comment; -1 if none. */
function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - EOCD_SIZE;
  for (let at = last; at >= 0 && at >= last - MAX_COMMENT; at--) {
    // The record's comment length must reach exactly to the end of the file.
    if (view.getUint32(at, true) === EOCD && at + EOCD_SIZE + view.getUint16(at + 20, true) === view.byteLength) return at;
  }
  return -1;
}

function toSafeNumber(value: bigint, fail: (problem: string) => Error): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw fail(`corrupt zip: 64-bit field ${value} is out of range`);
  return Number(value);
}
