// `atlas site-assets`: copy the prepared models' browser files and onnxruntime-web's wasm into public/, so
// the built site serves everything a probe loads (see src/lib/site/publishSiteAssets.ts).
import path from "node:path";
import type { AtlasContext } from "../../atlasContext.ts";
import { resolveModelSet } from "../../models/modelSet.ts";
import { findPrepared } from "../../models/prepareModel.ts";
import { ortDistDir, ortVersion, ortWasmFiles } from "../../site/ortWasm.ts";
import { type PublishableModel, publishSiteAssets } from "../../site/publishSiteAssets.ts";
import type { CliIo } from "../io.ts";

export async function siteAssetsCommand(ctx: AtlasContext, io: CliIo, opts: { publicDir?: string } = {}): Promise<number> {
  const start = performance.now();
  const log = (line: string) => io.err(line + "\n");
  const publicDir = opts.publicDir ?? path.join(ctx.root, "public");
  const models: PublishableModel[] = [];
  for (const entry of resolveModelSet(ctx.modelSpec, { cwd: ctx.root })) {
    try {
      // Offline: publishing never downloads; `atlas data` (run first by the build) prepares the models.
      const prepared = await findPrepared(entry, { ...ctx, offline: true });
      if (prepared) models.push({ dir: prepared.dir, manifest: prepared.manifest });
      else log(`site-assets: ${entry.id} is not prepared; no probe files (run \`atlas prepare\` or \`atlas data\`)`);
    } catch (e) {
      log(`site-assets: ${entry.id} skipped: ${(e as Error).message}`);
    }
  }
  const distDir = ortDistDir();
  const report = await publishSiteAssets({
    publicDir,
    models,
    ortDir: distDir,
    ortFiles: ortWasmFiles,
    ortVersion: ortVersion(distDir),
    tokensDir: path.join(ctx.dataDir, "tokens"),
    mechanismsDir: path.join(ctx.dataDir, "mechanisms"),
  });
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  const modelBytes = report.index.models.reduce((a, m) => a + m.totalBytes, 0);
  log(
    `site-assets: ${report.index.models.length} models (${mb(modelBytes)} MB) and onnxruntime-web ${report.index.ort.version} (${mb(report.index.ort.bytes)} MB) ` +
      `in ${path.relative(ctx.root, publicDir) || "."}: ${report.written.length} written, ${report.unchanged.length} unchanged, ${report.removed.length} removed ` +
      `in ${((performance.now() - start) / 1000).toFixed(1)}s`,
  );
  return 0;
}
