// Builds small torch.save-like files for tests: a stored zip writer and a pickle opcode writer.
import { crc32, deflateRawSync } from "node:zlib";

export interface FixtureEntry {
  name: string;
  data: Uint8Array;
  /** 0 stored (what torch.save writes), 8 deflated. */
  method?: 0 | 8;
}

/** A plain (non-zip64) zip of the entries. */
export function writeZip(entries: FixtureEntry[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data, method = 0 } of entries) {
    const nameBytes = Buffer.from(name, "utf8");
    const body = method === 8 ? deflateRawSync(data) : Buffer.from(data);
    const fields = { crc: crc32(data), compressed: body.length, size: data.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(fields.crc, 14);
    local.writeUInt32LE(fields.compressed, 18);
    local.writeUInt32LE(fields.size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(method, 10);
    header.writeUInt32LE(fields.crc, 16);
    header.writeUInt32LE(fields.compressed, 20);
    header.writeUInt32LE(fields.size, 24);
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, body);
    central.push(header, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, ...central, end]));
}

/** Writes pickle opcodes (protocol 2) one call at a time. */
export class PickleWriter {
  private bytes: number[] = [0x80, 2];
  op(code: number): this {
    this.bytes.push(code);
    return this;
  }
  global(module: string, name: string): this {
    this.bytes.push(0x63, ...Buffer.from(`${module}\n${name}\n`, "latin1"));
    return this;
  }
  str(s: string): this {
    const utf8 = Buffer.from(s, "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32LE(utf8.length);
    this.bytes.push(0x58, ...length, ...utf8);
    return this;
  }
  int(n: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32LE(n);
    this.bytes.push(0x4a, ...b);
    return this;
  }
  /** MARK, the items, TUPLE. */
  tuple(items: () => void): this {
    this.op(OP.MARK);
    items();
    return this.op(OP.TUPLE);
  }
  ints(ns: number[]): this {
    return this.tuple(() => ns.forEach((n) => this.int(n)));
  }
  /** `_rebuild_tensor_v2(storage(key), offset, size, stride, False, OrderedDict())`. */
  tensor(storageType: string, key: string, storageNumel: number, offset: number, size: number[], stride: number[]): this {
    this.global("torch._utils", "_rebuild_tensor_v2").tuple(() => {
      this.tuple(() => this.str("storage").global("torch", storageType).str(key).str("cpu").int(storageNumel)).op(OP.BINPERSID);
      this.int(offset).ints(size).ints(stride).op(OP.NEWFALSE);
      this.global("collections", "OrderedDict").op(OP.EMPTY_TUPLE).op(OP.REDUCE);
    });
    return this.op(OP.REDUCE);
  }
  finish(): Uint8Array {
    return new Uint8Array([...this.bytes, OP.STOP]);
  }
}

export const OP = {
  MARK: 0x28,
  TUPLE: 0x74,
  EMPTY_TUPLE: 0x29,
  EMPTY_DICT: 0x7d,
  SETITEM: 0x73,
  SETITEMS: 0x75,
  REDUCE: 0x52,
  BUILD: 0x62,
  BINPERSID: 0x51,
  NEWFALSE: 0x89,
  STOP: 0x2e,
} as const;

export function float32Bytes(values: number[]): Uint8Array {
  return new Uint8Array(new Float32Array(values).buffer);
}
