// The mechanism evidence as pages read it at build time: <ATLAS_DATA>/mechanisms/<task>.json (what
// `atlas site-assets` publishes as public/mechanisms/), matched against the task's result file. A task
// without evidence, or with evidence of an older version of its items, gets the reason instead: pages show
// a short note, never a build failure.
import fs from "node:fs";
import path from "node:path";
import { type TaskMechanisms, matchMechanisms } from "../mechanisms/matchMechanisms.ts";
import { type MechanismFileRead, mechanismFilePath, readMechanismFile } from "../mechanisms/readMechanismFile.ts";
import type { MechanismFile } from "../mechanisms/mechanismSchema.ts";
import type { ResultFile } from "../results/resultSchema.ts";
import { readTokenManifest, tokenDataDir } from "./tokenPageData.ts";

/** The folder the build reads: ATLAS_DATA (default data) + /mechanisms, relative to the build's working folder. */
export function mechanismsDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.ATLAS_DATA ?? "data", "mechanisms");
}

// By file, with its modification time: the dev server sees a rewritten file; a build parses each once.
const reads = new Map<string, { mtimeMs: number; read: MechanismFileRead }>();
const warned = new Set<string>();

function cachedRead(dir: string, task: string): MechanismFileRead {
  const file = mechanismFilePath(dir, task);
  const mtimeMs = fs.existsSync(file) ? fs.statSync(file).mtimeMs : -1;
  const hit = reads.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.read;
  const read = readMechanismFile(dir, task);
  reads.set(file, { mtimeMs, read });
  return read;
}

/** The task's mechanism evidence, or why there is none to show. */
export function taskMechanisms(result: ResultFile, dir: string = mechanismsDir()): TaskMechanisms {
  const read = cachedRead(dir, result.task.id);
  const matched: TaskMechanisms = read.ok ? matchMechanisms(result, read.file) : read;
  // A file that exists but cannot be used is worth a line in the build log; a missing one is normal.
  if (!matched.ok && (!read.ok || read.file) && !warned.has(matched.reason)) {
    warned.add(matched.reason);
    console.warn(`[atlas] ${matched.reason}`);
  }
  return matched;
}

/** The mechanism file the figures of a task are built from, or null. */
export function usableMechanismFile(result: ResultFile): MechanismFile | null {
  const m = taskMechanisms(result);
  return m.ok ? m.file : null;
}

export interface ExplorerStories {
  /** sha256 of the stories the explorer shows (data/tokens/manifest.json text.sha256). */
  sha256: string;
  /** Scorers with per-token data there (a link opens one of these). */
  scorers: string[];
}

/** What the explorer serves, from data/tokens/manifest.json alone; null without merged per-token data. */
export function explorerStories(dir: string = tokenDataDir()): ExplorerStories | null {
  const read = readTokenManifest(dir);
  if (!read.ok) return null;
  return { sha256: read.manifest.text.sha256, scorers: read.manifest.scorers.map((s) => s.info.id) };
}
