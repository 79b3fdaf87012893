// Content collection access for pages: results by task id, capabilities in order, cross-checked so that a
// page naming a task without results fails the build with a clear message.
import { getCollection } from "astro:content";
import type { ResultFile } from "../results/resultSchema.ts";
import type { Capability } from "./capabilitySchema.ts";

export async function resultsByTask(): Promise<Map<string, ResultFile>> {
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
