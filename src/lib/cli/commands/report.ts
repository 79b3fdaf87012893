// `atlas report` (npm run report): the paper's report/ folder from data/results, data/tokens, the
// capability pages and data/mechanisms; nothing is written when an input is missing or invalid.
import path from "node:path";
import type { AtlasContext } from "../../atlasContext.ts";
import { resolveSiteUrl } from "../../figures/citation.ts";
import { writeReport } from "../../report/writeReport.ts";
import type { CliIo } from "../io.ts";

export async function reportCommand(ctx: AtlasContext, io: CliIo, flags: { out?: string }): Promise<number> {
  const outDir = path.resolve(ctx.root, flags.out ?? "report");
  const summary = await writeReport({
    resultsDir: path.join(ctx.dataDir, "results"),
    tokensDir: path.join(ctx.dataDir, "tokens"),
    capabilitiesDir: path.join(ctx.root, "src", "content", "capabilities"),
    mechanismsDir: path.join(ctx.dataDir, "mechanisms"),
    outDir,
    root: ctx.root,
    // The same URL the site cites itself by (astro.config.mjs: site = ATLAS_SITE_URL, base = ATLAS_BASE).
    siteUrl: resolveSiteUrl({ envUrl: io.env.ATLAS_SITE_URL, base: io.env.ATLAS_BASE }),
  });
  io.err(
    `wrote ${summary.files.length} files to ${path.relative(ctx.root, outDir) || "."}: ${summary.macros} macros in numbers.tex, ` +
      `${summary.figures} figures (results of ${summary.date})\n`,
  );
  return 0;
}
