// The built site for browser tests: `npm run build`'s steps (atlas data, atlas site-assets, astro build)
// with the shared models, into a temporary folder; or a prebuilt folder named by ATLAS_SITE_DIST.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sharedModelsDir } from "../sharedModels.ts";
import { repoRoot } from "../sharedPath.ts";

export interface BuiltSite {
  /** The folder to serve. */
  dir: string;
  /** True when ATLAS_SITE_DIST named a folder built beforehand. */
  prebuilt: boolean;
  /** Seconds the steps took (0 for a prebuilt folder). */
  seconds: { data: number; siteAssets: number; astro: number };
  /** Removes the folder when the test built it. */
  cleanup(): void;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve((performance.now() - start) / 1000);
      else reject(new Error(`${args.join(" ")} exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}

export async function builtSite(env: NodeJS.ProcessEnv = process.env): Promise<BuiltSite> {
  if (env.ATLAS_SITE_DIST) {
    const dir = path.resolve(repoRoot, env.ATLAS_SITE_DIST);
    if (!fs.existsSync(path.join(dir, "index.html"))) throw new Error(`ATLAS_SITE_DIST=${env.ATLAS_SITE_DIST} has no index.html: build it first`);
    return { dir, prebuilt: true, seconds: { data: 0, siteAssets: 0, astro: 0 }, cleanup: () => {} };
  }
  // Inside the repository (tmp/ is ignored): with an outDir outside the working folder, Astro stages its
  // server chunks in ./.astro/ and then deletes that whole folder, types.d.ts included.
  fs.mkdirSync(path.join(repoRoot, "tmp"), { recursive: true });
  const dir = fs.mkdtempSync(path.join(repoRoot, "tmp", "site-test-"));
  const buildEnv = { ...env, ATLAS_MODELS: env.ATLAS_MODELS ?? sharedModelsDir, ASTRO_TELEMETRY_DISABLED: "1" };
  try {
    const atlas = path.join(repoRoot, "bin", "atlas.mjs");
    const data = await run([atlas, "data"], buildEnv);
    const siteAssets = await run([atlas, "site-assets"], buildEnv);
    const astro = await run([path.join(repoRoot, "node_modules", "astro", "astro.js"), "build", "--outDir", dir], buildEnv);
    return { dir, prebuilt: false, seconds: { data, siteAssets, astro }, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
