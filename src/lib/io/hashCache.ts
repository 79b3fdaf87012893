// Content hashes of files: streamed (checkpoints are hundreds of MB), and remembered by path, size and
// mtime so that a second run does not hash again.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { hashFile } from "../models/fileHashes.ts";
import { writeJsonAtomic } from "./atomicWrite.ts";

export function sha256(data: string | Uint8Array): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}

/** A sha256 cache in one JSON file: key "path|size|mtimeMs" -> hash. */
export class HashCache {
  private entries: Record<string, string>;
  constructor(private readonly file: string) {
    try {
      this.entries = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch {
      this.entries = {};
    }
  }

  async hash(file: string): Promise<string> {
    const stat = fs.statSync(file);
    const key = `${path.resolve(file)}|${stat.size}|${stat.mtimeMs}`;
    const known = this.entries[key];
    if (known) return known;
    const value = (await hashFile(file)).sha256;
    this.entries[key] = value;
    writeJsonAtomic(this.file, this.entries);
    return value;
  }
}
