// Merges the shard folders of a per-token run (shards 1..n of the same stories and scorers) into one
// folder, byte-identical to what a single run writes: the same columns in story order through the same
// writer.
import fs from "node:fs";
import path from "node:path";
import { AtlasError } from "../errors.ts";
import { type TokenFolder, type TokenManifest, concatColumns, decodeColumns, decodeIds, readTokenManifestFile } from "./tokenFiles.ts";
import { writeTokenData } from "./writeTokenData.ts";

function readShard(dir: string): { manifest: TokenManifest; dir: string } {
  const file = path.join(dir, "manifest.json");
  if (!fs.existsSync(file)) throw new AtlasError("is missing: the shard has not finished (or did not run)", { file });
  return { manifest: readTokenManifestFile(file), dir };
}

export function mergeShards(shardDirs: string[], outDir: string): TokenFolder {
  const shards = shardDirs.map(readShard).sort((a, b) => (a.manifest.shard?.k ?? 0) - (b.manifest.shard?.k ?? 0));
  const n = shards[0]?.manifest.shard?.n;
  if (!n) throw new AtlasError("no shards to merge");
  const ks = shards.map((s) => s.manifest.shard?.k);
  const expected = Array.from({ length: n }, (_, i) => i + 1);
  if (ks.join() !== expected.join() || shards.some((s) => s.manifest.shard?.n !== n)) {
    throw new AtlasError(`need shards 1..${n} of ${n} exactly once; have ${ks.join(", ")}`);
  }
  const base = shards[0].manifest;
  for (const { manifest, dir } of shards) {
    const same =
      manifest.text.sha256 === base.text.sha256 &&
      manifest.confidentThreshold === base.confidentThreshold &&
      JSON.stringify(manifest.provenance) === JSON.stringify(base.provenance) &&
      JSON.stringify(manifest.scorers.map((s) => s.info)) === JSON.stringify(base.scorers.map((s) => s.info));
    if (!same) throw new AtlasError("was made from other stories, scorers, threshold or code than shard 1", { file: path.join(dir, "manifest.json") });
  }
  const storyOffsets = [0];
  for (const { manifest } of shards) {
    for (let s = 1; s < manifest.storyOffsets.length; s++) storyOffsets.push(storyOffsets[storyOffsets.length - 1] + manifest.storyOffsets[s] - manifest.storyOffsets[s - 1]);
  }
  const read = (dir: string, file: string) => new Uint8Array(fs.readFileSync(path.join(dir, file)));
  const vocab = new Map<number, string>();
  for (const { dir } of shards) {
    for (const [id, text] of Object.entries(JSON.parse(fs.readFileSync(path.join(dir, "vocab.json"), "utf8")) as Record<string, string>)) vocab.set(Number(id), text);
  }
  const idParts = shards.map(({ dir }) => decodeIds(read(dir, "ids.bin")));
  const ids = new Int32Array(idParts.reduce((a, p) => a + p.length, 0));
  idParts.reduce((at, p) => (ids.set(p, at), at + p.length), 0);
  const scorers = base.scorers.map((s, j) => ({
    info: s.info,
    columns: concatColumns(shards.map(({ manifest, dir }) => decodeColumns(read(dir, manifest.scorers[j].file), manifest.text.tokens))),
  }));
  return writeTokenData(outDir, {
    text: { source: base.text.source, sha256: base.text.sha256, firstStory: 0 },
    storyOffsets,
    ids,
    vocab,
    threshold: base.confidentThreshold,
    provenance: base.provenance,
    shard: null,
    scorers,
  });
}
