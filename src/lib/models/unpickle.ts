// A minimal pickle virtual machine for the binary opcodes (protocols 2 to 5) that torch.save writes.
// It never resolves a global by itself: GLOBAL / STACK_GLOBAL look names up in a table the caller
// supplies, so a pickle can only ever call what the caller allowed.
//
// Values: None -> null, bool -> boolean, int -> number (bigint beyond 2^53), float -> number,
// str -> string, bytes -> Uint8Array, tuple and list -> array, dict -> Map, set -> Set.

export class PickleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PickleError";
  }
}

export interface UnpickleOptions {
  /** What each allowed global ("module.name") stands for; REDUCE and NEWOBJ call it, so callables must be functions. */
  globals: ReadonlyMap<string, unknown>;
  /** Resolves a persistent id (BINPERSID); torch uses them for tensor storages. */
  persistentLoad?: (pid: unknown) => unknown;
  /** Applies BUILD's state to an object (Python's __setstate__); without it BUILD is an error. */
  build?: (target: unknown, state: unknown) => void;
}

type Callable = (...args: unknown[]) => unknown;

// Opcode bytes, named as in CPython's pickletools.
const OP = {
  MARK: 0x28, STOP: 0x2e, POP: 0x30, POP_MARK: 0x31, DUP: 0x32,
  BININT: 0x4a, BININT1: 0x4b, BININT2: 0x4d, LONG1: 0x8a, LONG4: 0x8b, BINFLOAT: 0x47,
  NONE: 0x4e, NEWTRUE: 0x88, NEWFALSE: 0x89,
  BINUNICODE: 0x58, SHORT_BINUNICODE: 0x8c, BINUNICODE8: 0x8d,
  BINSTRING: 0x54, SHORT_BINSTRING: 0x55, BINBYTES: 0x42, SHORT_BINBYTES: 0x43, BINBYTES8: 0x8e,
  EMPTY_TUPLE: 0x29, TUPLE: 0x74, TUPLE1: 0x85, TUPLE2: 0x86, TUPLE3: 0x87,
  EMPTY_LIST: 0x5d, LIST: 0x6c, APPEND: 0x61, APPENDS: 0x65,
  EMPTY_DICT: 0x7d, DICT: 0x64, SETITEM: 0x73, SETITEMS: 0x75,
  EMPTY_SET: 0x8f, ADDITEMS: 0x90, FROZENSET: 0x91,
  GLOBAL: 0x63, STACK_GLOBAL: 0x93, REDUCE: 0x52, NEWOBJ: 0x81, BUILD: 0x62, BINPERSID: 0x51,
  BINPUT: 0x71, LONG_BINPUT: 0x72, MEMOIZE: 0x94, BINGET: 0x68, LONG_BINGET: 0x6a,
  PROTO: 0x80, FRAME: 0x95,
} as const;

export function unpickle(bytes: Uint8Array, options: UnpickleOptions): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const latin1 = new TextDecoder("latin1");
  let pos = 0;
  let stack: unknown[] = [];
  const marks: unknown[][] = [];
  const memo = new Map<number, unknown>();

  const take = (n: number): number => {
    if (pos + n > bytes.byteLength) throw new PickleError(`pickle ends early at byte ${bytes.byteLength} (truncated)`);
    const at = pos;
    pos += n;
    return at;
  };
  const u8 = () => bytes[take(1)];
  const u32 = () => view.getUint32(take(4), true);
  const u64 = () => safeNumber(view.getBigUint64(take(8), true));
  const raw = (n: number) => bytes.subarray(take(n), pos);
  const line = () => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) throw new PickleError("pickle ends early inside a GLOBAL name (truncated)");
    return latin1.decode(raw(end - pos + 1)).slice(0, -1);
  };
  const pop = () => {
    if (stack.length === 0) throw new PickleError(`pickle stack underflow at byte ${pos - 1}`);
    return stack.pop();
  };
  const top = () => {
    if (stack.length === 0) throw new PickleError(`pickle stack underflow at byte ${pos - 1}`);
    return stack[stack.length - 1];
  };
  const popMark = () => {
    const items = stack;
    const previous = marks.pop();
    if (!previous) throw new PickleError(`pickle has no MARK for the opcode at byte ${pos - 1}`);
    stack = previous;
    return items;
  };
  const lookupGlobal = (module: string, name: string) => {
    const key = `${module}.${name}`;
    if (!options.globals.has(key)) throw new PickleError(`pickle references ${key}, which is not an allowed global`);
    return options.globals.get(key);
  };
  const call = (callable: unknown, args: unknown) => {
    if (typeof callable !== "function") throw new PickleError(`pickle calls a value that is not callable at byte ${pos - 1}`);
    if (!Array.isArray(args)) throw new PickleError(`pickle calls with arguments that are not a tuple at byte ${pos - 1}`);
    return (callable as Callable)(...args);
  };
  const target = <T>(kind: new (...a: never[]) => T, what: string): T => {
    const value = top();
    if (!(value instanceof kind)) throw new PickleError(`pickle ${what} on something else at byte ${pos - 1}`);
    return value;
  };
  const setItems = (dict: Map<unknown, unknown>, items: unknown[]) => {
    for (let i = 0; i + 1 < items.length; i += 2) dict.set(items[i], items[i + 1]);
  };

  for (;;) {
    const op = u8();
    switch (op) {
      case OP.PROTO: {
        const protocol = u8();
        if (protocol > 5) throw new PickleError(`pickle protocol ${protocol} is newer than 5`);
        break;
      }
      case OP.FRAME: u64(); break; // frames only chunk the stream
      case OP.STOP: return pop();
      case OP.MARK: marks.push(stack); stack = []; break;
      case OP.POP: pop(); break;
      case OP.POP_MARK: popMark(); break;
      case OP.DUP: stack.push(top()); break;
      case OP.BININT: stack.push(view.getInt32(take(4), true)); break;
      case OP.BININT1: stack.push(u8()); break;
      case OP.BININT2: stack.push(view.getUint16(take(2), true)); break;
      case OP.LONG1: stack.push(littleEndianInt(raw(u8()))); break;
      case OP.LONG4: stack.push(littleEndianInt(raw(u32()))); break;
      case OP.BINFLOAT: stack.push(view.getFloat64(take(8), false)); break;
      case OP.NONE: stack.push(null); break;
      case OP.NEWTRUE: stack.push(true); break;
      case OP.NEWFALSE: stack.push(false); break;
      case OP.BINUNICODE: stack.push(decode(utf8, raw(u32()))); break;
      case OP.SHORT_BINUNICODE: stack.push(decode(utf8, raw(u8()))); break;
      case OP.BINUNICODE8: stack.push(decode(utf8, raw(u64()))); break;
      case OP.BINSTRING: stack.push(latin1.decode(raw(u32()))); break;
      case OP.SHORT_BINSTRING: stack.push(latin1.decode(raw(u8()))); break;
      case OP.BINBYTES: stack.push(raw(u32())); break;
      case OP.SHORT_BINBYTES: stack.push(raw(u8())); break;
      case OP.BINBYTES8: stack.push(raw(u64())); break;
      case OP.EMPTY_TUPLE: stack.push([]); break;
      case OP.TUPLE: { const items = popMark(); stack.push(items); break; } // not stack.push(popMark()): popMark swaps `stack`
      case OP.TUPLE1: stack.push([pop()]); break;
      case OP.TUPLE2: { const b = pop(); stack.push([pop(), b]); break; }
      case OP.TUPLE3: { const c = pop(); const b = pop(); stack.push([pop(), b, c]); break; }
      case OP.EMPTY_LIST: stack.push([]); break;
      case OP.LIST: { const items = popMark(); stack.push(items); break; }
      case OP.APPEND: { const item = pop(); target(Array, "APPEND").push(item); break; }
      case OP.APPENDS: { const items = popMark(); target(Array, "APPENDS").push(...items); break; }
      case OP.EMPTY_DICT: stack.push(new Map()); break;
      case OP.DICT: { const dict = new Map(); setItems(dict, popMark()); stack.push(dict); break; }
      case OP.SETITEM: { const value = pop(); const key = pop(); target(Map, "SETITEM").set(key, value); break; }
      case OP.SETITEMS: { const items = popMark(); setItems(target(Map, "SETITEMS"), items); break; }
      case OP.EMPTY_SET: stack.push(new Set()); break;
      case OP.ADDITEMS: { const items = popMark(); for (const x of items) target(Set, "ADDITEMS").add(x); break; }
      case OP.FROZENSET: { const items = popMark(); stack.push(new Set(items)); break; }
      case OP.GLOBAL: { const module = line(); stack.push(lookupGlobal(module, line())); break; }
      case OP.STACK_GLOBAL: {
        const name = pop();
        const module = pop();
        if (typeof module !== "string" || typeof name !== "string") throw new PickleError("pickle STACK_GLOBAL names are not strings");
        stack.push(lookupGlobal(module, name));
        break;
      }
      case OP.REDUCE:
      case OP.NEWOBJ: { const args = pop(); stack.push(call(pop(), args)); break; }
      case OP.BUILD: {
        const state = pop();
        if (!options.build) throw new PickleError(`pickle sets object state (BUILD) at byte ${pos - 1}, which is not allowed here`);
        options.build(top(), state);
        break;
      }
      case OP.BINPERSID: {
        if (!options.persistentLoad) throw new PickleError("pickle has a persistent id but no loader for it was given");
        stack.push(options.persistentLoad(pop()));
        break;
      }
      case OP.BINPUT: memo.set(u8(), top()); break;
      case OP.LONG_BINPUT: memo.set(u32(), top()); break;
      case OP.MEMOIZE: memo.set(memo.size, top()); break;
      case OP.BINGET: stack.push(recall(memo, u8())); break;
      case OP.LONG_BINGET: stack.push(recall(memo, u32())); break;
      default:
        throw new PickleError(`unsupported pickle opcode 0x${op.toString(16).padStart(2, "0")} at byte ${pos - 1}`);
    }
  }
}

function recall(memo: Map<number, unknown>, index: number): unknown {
  if (!memo.has(index)) throw new PickleError(`pickle reads memo slot ${index}, which was never written`);
  return memo.get(index);
}

function decode(decoder: TextDecoder, data: Uint8Array): string {
  try {
    return decoder.decode(data);
  } catch {
    throw new PickleError("pickle string is not valid UTF-8");
  }
}

/** A little-endian two's-complement integer (LONG1 / LONG4), as a number where it is exact. */
function littleEndianInt(data: Uint8Array): number | bigint {
  let value = 0n;
  for (let i = data.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(data[i]);
  if (data.length > 0 && data[data.length - 1] & 0x80) value -= 1n << BigInt(8 * data.length);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new PickleError(`pickle length ${value} is out of range`);
  return Number(value);
}
