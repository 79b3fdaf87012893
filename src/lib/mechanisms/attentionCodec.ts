// The final position's attention rows of every head for every item, as the per-(task, model) items file
// stores them (mechanismSchema.ts, itemsFileSchema): no dependencies, so the page that shows "click a head
// to see its attention on the items" decodes with the same code that encoded.
//
// Format ("u8-rows-v1"): for an item whose final position is q (prompt of q + 1 tokens), the bytes are
// layers x heads rows of q + 1 keys, layer-major then head, each key's weight quantized as
// round(weight * 255) (0..255; a weight reads back as byte / 255, within 1/510 of the true value); the
// bytes are then base64-encoded (standard alphabet, with padding).

export const ATTENTION_FORMAT = "u8-rows-v1";

/** Quantizes rows ([layers * heads * keys] floats, layer-major) and base64-encodes them. */
export function encodeAttentionRows(rows: ArrayLike<number>): string {
  const bytes = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) bytes[i] = Math.max(0, Math.min(255, Math.round(rows[i] * 255)));
  return bytesToBase64(bytes);
}

/** The weights of head (layer, head) for an item with `keys` = q + 1 key positions. */
export function decodeAttentionRow(encoded: string, heads: number, keys: number, layer: number, head: number): Float32Array {
  const bytes = base64ToBytes(encoded);
  const at = (layer * heads + head) * keys;
  if (at + keys > bytes.length) throw new Error(`attention rows of ${bytes.length} bytes hold no head ${layer}.${head} of ${keys} keys`);
  return Float32Array.from(bytes.subarray(at, at + keys), (b) => b / 255);
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
