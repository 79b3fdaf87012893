// Per-token data in the browser: the manifest, ids and vocabulary once, each scorer's columns only when a
// page asks for that scorer. Decoded with the producers' own codec (src/lib/tokens/columnCodec.ts).
import { type TokenColumns, decodeColumns, decodeIds } from "../lib/tokens/columnCodec.ts";
import type { TokenManifest } from "../lib/tokens/tokenFiles.ts";
import type { TokenAnalysis } from "../lib/tokens/tokenAnalysis.ts";
import { storyOfToken } from "./explorerLink.ts";

export interface TokenDataset {
  manifest: TokenManifest;
  ids: Int32Array;
  /** Text of a token id. */
  text(id: number): string;
  /** Story index of token position t. */
  storyOf(t: number): number;
  /** A scorer's columns, fetched on first use. */
  columns(scorerId: string): Promise<TokenColumns>;
  analysis(): Promise<TokenAnalysis>;
}

/** A file of the published per-token data (public/tokens/), or an error naming its URL and how to publish it. */
export async function fetchTokenFile(baseUrl: string, file: string): Promise<Response> {
  const url = `${baseUrl.replace(/\/$/, "")}/${file}`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} (run \`atlas tokens\` and \`atlas site-assets\`)`);
  return response;
}

export async function loadTokenDataset(baseUrl: string): Promise<TokenDataset> {
  const get = (file: string) => fetchTokenFile(baseUrl, file);
  const [manifest, idBytes, vocab] = await Promise.all([
    get("manifest.json").then((r) => r.json() as Promise<TokenManifest>),
    get("ids.bin").then((r) => r.arrayBuffer()),
    get("vocab.json").then((r) => r.json() as Promise<Record<string, string>>),
  ]);
  const ids = decodeIds(new Uint8Array(idBytes));
  const offsets = manifest.storyOffsets;
  const cache = new Map<string, Promise<TokenColumns>>();
  let analysis: Promise<TokenAnalysis> | undefined;
  return {
    manifest,
    ids,
    text: (id) => vocab[id] ?? `<${id}>`,
    storyOf: (t) => storyOfToken(offsets, t),
    columns(scorerId) {
      let promise = cache.get(scorerId);
      if (!promise) {
        const entry = manifest.scorers.find((s) => s.info.id === scorerId);
        if (!entry) return Promise.reject(new Error(`no per-token data for ${scorerId}`));
        promise = get(entry.file).then(async (r) => decodeColumns(new Uint8Array(await r.arrayBuffer()), manifest.text.tokens));
        cache.set(scorerId, promise);
      }
      return promise;
    },
    analysis: () => (analysis ??= get("analysis.json").then((r) => r.json() as Promise<TokenAnalysis>)),
  };
}

/** A notice when the served per-token data are not those the page was built from (else undefined). */
export function staleTokenDataNote(data: TokenDataset, builtFromSha: string | undefined): string | undefined {
  if (!builtFromSha || data.manifest.text.sha256 === builtFromSha) return undefined;
  return "The per-token data served here are not those this page was built from: run `atlas site-assets` and rebuild.";
}
