// Content hashes of a file on disk, read once: sha256 (what the hub records for LFS files) and the git blob
// id (what it records for the other files), so that every downloaded file can be checked.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";

export interface FileHashes {
  size: number;
  sha256: string;
  /** sha1 of "blob <size>\0" + content: git's object id of the file. */
  gitBlobSha1: string;
}

export async function hashFile(file: string): Promise<FileHashes> {
  const { size } = await stat(file);
  const sha256 = createHash("sha256");
  const gitBlob = createHash("sha1").update(`blob ${size}\0`);
  let read = 0;
  for await (const chunk of createReadStream(file)) {
    const bytes = chunk as Buffer;
    sha256.update(bytes);
    gitBlob.update(bytes);
    read += bytes.byteLength;
  }
  // The file grew or shrank while it was read: the git id above would be wrong.
  if (read !== size) throw new Error(`${file} changed while it was hashed (${size} then ${read} bytes)`);
  return { size, sha256: sha256.digest("hex"), gitBlobSha1: gitBlob.digest("hex") };
}
