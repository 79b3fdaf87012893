// Content collection access for pages: results by task id, capabilities in order, cross-checked so that a
// page naming a task without results fails the build with a clear message.
import fs from "node:fs";
import path from "node:path";
import { getCollection } from "astro:content";
import type { ResultFile } from "../results/resultSchema.ts";
import type { Capability } from "./capabilitySchema.ts";

// Astro's getCollection deep-copies every entry on every call (walking it for image references), and the
// result files are large: pages ask for them dozens of times, so they are read once for as long as the files
// on disk stay the same (their names, sizes and modification times): a build reads them once, and the dev
// server reads them again after one changes. Not keyed on import.meta.env.DEV: a build started from a test
// (NODE_ENV=test) runs with DEV set.
let results: { key: string; map: Promise<Map<string, ResultFile>> } | undefined;

export function resultsByTask(): Promise<Map<string, ResultFile>> {
  const key = resultFilesKey();
  if (!results || results.key !== key) results = { key, map: loadResults() };
  return results.map;
}

function resultFilesKey(): string {
  const dir = path.resolve(process.env.ATLAS_DATA ?? "data", "results");
  if (!fs.existsSync(dir)) return "";
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const st = fs.statSync(path.join(dir, f));
      return `${f}:${st.size}:${st.mtimeMs}`;
    })
    .join("|");
}

async function loadResults(): Promise<Map<string, ResultFile>> {
  const entries = await getCollection("results");
  return new Map(entries.map((e) => [e.data.task.id, e.data]));
}

export interface CapabilityPage {
  id: string;
  data: Capability;
  results: ResultFile[];
}

export async function capabilityPages(): Promise<CapabilityPage[]> {
  const [entries, results] = await Promise.all([getCollection("capabilities"), resultsByTask()]);
  return entries
    .map((e) => {
      const missing = e.data.tasks.filter((t) => !results.has(t));
      if (missing.length) {
        throw new Error(
          `src/content/capabilities/${e.id}.mdx: field tasks: no result file for ${missing.join(", ")} (run \`npm run data\`; task files live in src/content/tasks)`,
        );
      }
      return { id: e.id, data: e.data, results: e.data.tasks.map((t) => results.get(t)!) };
    })
    .sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title));
}

export async function taskResult(taskId: string): Promise<ResultFile> {
  const result = (await resultsByTask()).get(taskId);
  if (!result) throw new Error(`no result file for task ${taskId} (run \`npm run data\`)`);
  return result;
}
