// Bundles a browser entry (TypeScript) with esbuild into a folder, beside an HTML page that loads it as
// a module, so a test can serve the folder and open the page.
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

export interface BundledPage {
  dir: string;
  /** The HTML file's name inside dir. */
  html: string;
  /** The bundle's name inside dir. */
  script: string;
}

export async function bundlePage(entry: string, outDir: string, name = path.basename(entry, path.extname(entry))): Promise<BundledPage> {
  fs.mkdirSync(outDir, { recursive: true });
  const script = `${name}.js`;
  await build({
    entryPoints: [entry],
    outfile: path.join(outDir, script),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    sourcemap: "linked",
    logLevel: "error",
  });
  const html = `${name}.html`;
  fs.writeFileSync(
    path.join(outDir, html),
    `<!doctype html>\n<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${name}</title></head>\n<body><script type="module" src="./${script}"></script></body></html>\n`,
  );
  return { dir: outDir, html, script };
}
