// models.lock.json: for each hub repo, the commit its revision first resolved to and the hashes of its
// files, so later downloads (by anyone) get the same bytes or fail loudly.
import fs from "node:fs";
import { z } from "zod";
import { writeJsonAtomic } from "../io/atomicWrite.ts";

export const modelLockSchema = z.record(
  z.object({
    /** The revision named in the registry (e.g. "main"). */
    revision: z.string(),
    /** The commit it resolved to when first locked. */
    commit: z.string().regex(/^[0-9a-f]{40}$/),
    /** sha256 and size of each file, as first downloaded. */
    files: z.record(z.object({ sha256: z.string(), size: z.number().int() })),
  }),
);
export type ModelLock = z.infer<typeof modelLockSchema>;

export function readModelLock(file: string): ModelLock {
  if (!fs.existsSync(file)) return {};
  return modelLockSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
}

export function writeModelLock(file: string, lock: ModelLock): void {
  const sorted = Object.fromEntries(Object.entries(lock).sort(([a], [b]) => a.localeCompare(b)));
  writeJsonAtomic(file, sorted);
}
