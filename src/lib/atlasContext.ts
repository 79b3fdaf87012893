// Where the atlas keeps things, from the environment: passed to producers so that tests can point them
// at temporary folders.
import path from "node:path";
import { HashCache } from "./io/hashCache.ts";
import type { PrepareDeps } from "./models/prepareModel.ts";

export interface AtlasContext extends PrepareDeps {
  /** The repository root (package.json). */
  root: string;
  /** Everything cached: hub downloads, prepared models, scores. */
  cacheDir: string;
  /** The model-set spec (ATLAS_MODELS or --models); undefined means the published suite. */
  modelSpec: string | undefined;
  /** Task files (ATLAS_TASKS, default src/content/tasks). */
  tasksDir: string;
  /** Generated data the site reads: results/, tokens/ (ATLAS_DATA, default data). */
  dataDir: string;
}

export const repoRoot = path.resolve(import.meta.dirname, "../..");

export function atlasContext(
  env: Record<string, string | undefined>,
  overrides: { models?: string; offline?: boolean; log?: (line: string) => void } = {},
): AtlasContext {
  const root = repoRoot;
  const cacheDir = path.resolve(root, env.ATLAS_CACHE ?? ".cache");
  return {
    root,
    cacheDir,
    hubCacheDir: path.join(cacheDir, "hub"),
    preparedDir: path.join(cacheDir, "prepared"),
    lockFile: path.join(root, "models.lock.json"),
    hashes: new HashCache(path.join(cacheDir, "hashes.json")),
    offline: overrides.offline,
    modelSpec: overrides.models ?? env.ATLAS_MODELS,
    tasksDir: path.resolve(root, env.ATLAS_TASKS ?? "src/content/tasks"),
    dataDir: path.resolve(root, env.ATLAS_DATA ?? "data"),
    log: overrides.log,
  };
}
