// The items file's attention rows: quantized to bytes and back within half a step.
import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64, decodeAttentionRow, encodeAttentionRows } from "../../../src/lib/mechanisms/attentionCodec.ts";

describe("attention codec", () => {
  it("reads every head's row back within 1/510", () => {
    const layers = 2, heads = 3, keys = 5;
    const rows = Float32Array.from({ length: layers * heads * keys }, (_, i) => ((i * 37) % 101) / 100);
    const encoded = encodeAttentionRows(rows);
    for (let l = 0; l < layers; l++) {
      for (let h = 0; h < heads; h++) {
        const back = decodeAttentionRow(encoded, heads, keys, l, h);
        const want = rows.subarray((l * heads + h) * keys, (l * heads + h + 1) * keys);
        back.forEach((x, j) => expect(Math.abs(x - want[j])).toBeLessThanOrEqual(1 / 510 + 1e-7));
      }
    }
    expect(() => decodeAttentionRow(encoded, heads, keys, 2, 0)).toThrow();
  });

  it("base64 matches Node's encoder, including large arrays", () => {
    const bytes = Uint8Array.from({ length: 40_001 }, (_, i) => (i * 7) & 255);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });
});
