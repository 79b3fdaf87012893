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
  // One build per test run, shared by every test file (each runs in its own worker): the first worker to
  // take the lock builds; the others wait for its marker. test/globalSetup.ts names the folder and removes it.
  if (env.ATLAS_TEST_SITE_DIR) return sharedBuild(env.ATLAS_TEST_SITE_DIR, env);
  fs.mkdirSync(path.join(repoRoot, "tmp"), { recursive: true });
  const dir = fs.mkdtempSync(path.join(repoRoot, "tmp", "site-test-"));
  try {
    const seconds = await buildInto(dir, env);
    return { dir, prebuilt: false, seconds, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

// Inside the repository (tmp/ is ignored): with an outDir outside the working folder, Astro stages its
// server chunks in ./.astro/ and then deletes that whole folder, types.d.ts included.
async function buildInto(dir: string, env: NodeJS.ProcessEnv): Promise<BuiltSite["seconds"]> {
  const buildEnv = { ...env, ATLAS_MODELS: env.ATLAS_MODELS ?? sharedModelsDir, ASTRO_TELEMETRY_DISABLED: "1" };
  const atlas = path.join(repoRoot, "bin", "atlas.mjs");
  const data = await run([atlas, "data"], buildEnv);
  const siteAssets = await run([atlas, "site-assets"], buildEnv);
  const astro = await run([path.join(repoRoot, "node_modules", "astro", "astro.js"), "build", "--outDir", dir], buildEnv);
  return { data, siteAssets, astro };
}

async function sharedBuild(dir: string, env: NodeJS.ProcessEnv): Promise<BuiltSite> {
  const done = `${dir}.done.json`;
  const failed = `${dir}.failed.txt`;
  let builder = false;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  try {
    fs.mkdirSync(`${dir}.lock`, { recursive: false });
    builder = true;
  } catch (e) {
    // EEXIST: another worker holds the lock and builds; anything else is a real error.
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  if (builder) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(done, JSON.stringify(await buildInto(dir, env)));
    } catch (e) {
      fs.writeFileSync(failed, (e as Error).message);
      throw e;
    }
  } else {
    const deadline = Date.now() + 15 * 60_000;
    while (!fs.existsSync(done)) {
      if (fs.existsSync(failed)) throw new Error(`the shared test site failed to build: ${fs.readFileSync(failed, "utf8")}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for the shared test site in ${dir}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const seconds = JSON.parse(fs.readFileSync(done, "utf8")) as BuiltSite["seconds"];
  return { dir, prebuilt: !builder, seconds, cleanup: () => {} };
}
