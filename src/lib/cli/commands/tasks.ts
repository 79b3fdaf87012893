// `atlas tasks [--json]`: the capability tasks with their versions and item counts.
import type { AtlasContext } from "../../atlasContext.ts";
import { loadTasks } from "../../tasks/loadTasks.ts";
import { type CliIo, formatTable } from "../io.ts";

export function tasksCommand(ctx: AtlasContext, io: CliIo, flags: { json: boolean }): number {
  const rows = loadTasks(ctx.tasksDir).map((t) => ({ id: t.id, title: t.title, version: t.version, items: t.items.length }));
  if (flags.json) io.out(JSON.stringify(rows, null, 2) + "\n");
  else io.out(formatTable(["id", "title", "version", "items"], rows.map((r) => [r.id, r.title, String(r.version), String(r.items)])));
  return 0;
}
