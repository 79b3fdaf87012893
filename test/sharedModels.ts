// Test access to ../shared/models: registry entries, prepared folders in a temporary cache, references.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { atlasContext, type AtlasContext } from "../src/lib/atlasContext.ts";
import { resolveModelSet } from "../src/lib/models/modelSet.ts";
import { type PreparedModel, prepareModel } from "../src/lib/models/prepareModel.ts";
import type { ModelEntry } from "../src/lib/models/registry.ts";
import { repoRoot, sharedDir } from "./sharedPath.ts";

export const sharedModelsDir = path.join(sharedDir, "models");

export interface ReferenceCase {
  text: string | null;
  note: string | null;
  ids: number[];
  logits_file: string;
  logits_rows: number[];
  vocab_size: number;
  argmax: number[];
  next_token_logprob: number[];
  last_top10: Array<[number, number]>;
  layer0_head0_pattern_last_row: number[];
}

export function sharedModelEntries(): ModelEntry[] {
  return resolveModelSet(sharedModelsDir, { cwd: repoRoot });
}

export function readReference(entry: ModelEntry): ReferenceCase[] {
  if (entry.source.kind !== "folder") throw new Error("shared models are folders");
  return JSON.parse(fs.readFileSync(path.join(entry.source.path, "reference", "reference.json"), "utf8")).cases;
}

/** The reference logits of a case: one Float32Array per listed row. */
export function readReferenceLogits(entry: ModelEntry, c: ReferenceCase): Float32Array[] {
  if (entry.source.kind !== "folder") throw new Error("shared models are folders");
  const bytes = fs.readFileSync(path.join(entry.source.path, "reference", c.logits_file));
  const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return c.logits_rows.map((_, k) => all.slice(k * c.vocab_size, (k + 1) * c.vocab_size));
}

/** A context whose caches live in a fresh temporary folder (removed by `cleanup`). */
export function tempContext(models = sharedModelsDir): AtlasContext & { cleanup(): void } {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-test-"));
  const ctx = atlasContext({ ATLAS_CACHE: cache, ATLAS_MODELS: models });
  return { ...ctx, lockFile: path.join(cache, "models.lock.json"), cleanup: () => fs.rmSync(cache, { recursive: true, force: true }) };
}

export async function prepareShared(ctx: AtlasContext): Promise<Map<string, PreparedModel>> {
  const out = new Map<string, PreparedModel>();
  for (const entry of sharedModelEntries()) out.set(entry.id, await prepareModel(entry, ctx));
  return out;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
