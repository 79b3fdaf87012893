import { describe, expect, it } from "vitest";
import { PickleError, unpickle } from "../../../src/lib/models/unpickle.ts";

const noGlobals = { globals: new Map<string, unknown>() };
const bytes = (...parts: (number | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "number" ? [p] : [...Buffer.from(p, "latin1")])));

describe("unpickle", () => {
  it("reads ints, longs, floats, strings, tuples, lists, dicts and the memo", () => {
    // (1, -2, 300, LONG1 -129, 2**40 via LONG1, 1.5, "é", [None, True, False], {"k": memo[0]})
    const pickle = bytes(
      0x80, 2, 0x28,
      0x4b, 1, 0x4a, 0xfe, 0xff, 0xff, 0xff, 0x4d, 0x2c, 0x01,
      0x8a, 2, 0x7f, 0xff, 0x8a, 6, 0, 0, 0, 0, 0, 1,
      0x47, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0,
      0x8c, 2, 0xc3, 0xa9, 0x71, 0,
      0x5d, 0x28, 0x4e, 0x88, 0x89, 0x65,
      0x7d, 0x8c, 1, "k", 0x68, 0, 0x73,
      0x74, 0x2e,
    );
    expect(unpickle(pickle, noGlobals)).toEqual([1, -2, 300, -129, 2 ** 40, 1.5, "é", [null, true, false], new Map([["k", "é"]])]);
  });

  it("calls only allowed globals, through REDUCE", () => {
    const pickle = bytes(0x80, 2, "cmath\nadd\n", 0x4b, 2, 0x4b, 3, 0x86, 0x52, 0x2e);
    const globals = new Map([["math.add", (a: number, b: number) => a + b]]);
    expect(unpickle(pickle, { globals })).toBe(5);
    expect(() => unpickle(pickle, noGlobals)).toThrow(new PickleError("pickle references math.add, which is not an allowed global"));
  });

  it("fails clearly on a truncated pickle, an unknown opcode and BUILD without a handler", () => {
    expect(() => unpickle(bytes(0x80, 2, 0x58, 10, 0, 0, 0, "ab"), noGlobals)).toThrow("pickle ends early at byte 9 (truncated)");
    expect(() => unpickle(bytes(0x80, 2, 0x49), noGlobals)).toThrow("unsupported pickle opcode 0x49 at byte 2");
    expect(() => unpickle(bytes(0x80, 2, 0x7d, 0x7d, 0x62, 0x2e), noGlobals)).toThrow(/BUILD/);
    expect(() => unpickle(bytes(0x80, 2, 0x68, 7), noGlobals)).toThrow("pickle reads memo slot 7, which was never written");
  });
});
