// Reads data/mechanisms/<task>.json for readers that must not fail on it (the site's build): a missing file
// is null, an unreadable or invalid one an error message naming the file.
import fs from "node:fs";
import path from "node:path";
import { type MechanismFile, mechanismFileSchema } from "./mechanismSchema.ts";

export type MechanismFileRead = { ok: true; file: MechanismFile | null } | { ok: false; reason: string };

export function mechanismFilePath(mechanismsDir: string, task: string): string {
  return path.join(mechanismsDir, `${task}.json`);
}

export function readMechanismFile(mechanismsDir: string, task: string): MechanismFileRead {
  const file = mechanismFilePath(mechanismsDir, task);
  if (!fs.existsSync(file)) return { ok: true, file: null };
  // Messages end up on pages: the path as the build names it, not where the machine keeps it.
  const shown = path.relative(process.cwd(), file).split(path.sep).join("/");
  try {
    const parsed = mechanismFileSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
    if (parsed.success) return { ok: true, file: parsed.data };
    const first = parsed.error.issues[0];
    return { ok: false, reason: `${shown} is not a valid mechanism file (${first.path.join(".")}: ${first.message}); run \`atlas mechanisms\`.` };
  } catch (e) {
    return { ok: false, reason: `${shown} cannot be read (${(e as Error).message.split("\n")[0]}); run \`atlas mechanisms\`.` };
  }
}
