// Before any test: the result files, per-token data and mechanism evidence that tests of charts, figures,
// pages and the report read, produced by the real pipeline (`atlas data`, `atlas tokens`, `atlas mechanisms`)
// on ../shared/models into a test data folder. Cached in .cache, so only the first run on a machine scores anything.
import fs from "node:fs";
import path from "node:path";
import { main } from "../scripts/atlas.ts";
import type { CliIo } from "../src/lib/cli/io.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");

/** The environment every test and build in the suite shares (inherited by the test workers). */
export const testEnv = {
  ATLAS_DATA: path.join(repoRoot, ".cache", "test-data"),
  ATLAS_MODELS: path.resolve(repoRoot, "../shared/models"),
  // Enough stories for the explorer and comparison pages, few enough to keep CI quick.
  ATLAS_STORIES: "40",
  // Mechanism evidence on a spread of 16 items per task: the ablation sweep is the slowest producer.
  ATLAS_MECHANISM_ITEMS: "16",
  ATLAS_DATE: "2026-11-21",
};

/** Where the browser tests' one shared site build goes (test/browser/siteBuild.ts). */
const siteDir = path.join(repoRoot, "tmp", `site-test-run-${process.pid}`);

export default async function setup(): Promise<() => void> {
  Object.assign(process.env, testEnv, { ATLAS_TEST_SITE_DIR: siteDir });
  let log = "";
  const io: CliIo = { out: () => {}, err: (t) => (log += t), env: process.env, isTty: false };
  for (const command of ["data", "tokens", "mechanisms"]) {
    const code = await main([command], io);
    if (code !== 0) throw new Error(`test setup: atlas ${command} failed:\n${log.slice(-3000)}`);
  }
  return () => {
    for (const p of [siteDir, `${siteDir}.lock`, `${siteDir}.done.json`, `${siteDir}.failed.txt`]) fs.rmSync(p, { recursive: true, force: true });
  };
}
