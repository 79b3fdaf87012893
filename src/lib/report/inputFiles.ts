// Reading one input of the report: its exact bytes (hashed as read, so the manifest's sha256 is of what
// was parsed), JSON parsed and checked against a schema, every problem one line naming the file.
import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { AtlasError } from "../errors.ts";
import { sha256 } from "../io/hashCache.ts";

/** An input file as the manifest records it. */
export interface InputFile {
  /** Relative to the report's root folder (the repository), with forward slashes. */
  path: string;
  sha256: string;
}

export interface ReadInput {
  file: InputFile;
  text: string;
}

/** Paths as written in the manifest and in messages: relative to `root`, forward slashes. */
export function displayPath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}

export function readInput(root: string, file: string, missingHint: string): ReadInput {
  const shown = displayPath(root, file);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AtlasError(code === "ENOENT" ? `missing (${missingHint})` : `cannot be read (${code ?? (e as Error).message})`, { file: shown });
  }
  return { file: { path: shown, sha256: sha256(bytes) }, text: bytes.toString("utf8") };
}

/** JSON text checked against a schema; the first problem (and how many more) in one line. */
export function parseJsonInput<S extends z.ZodTypeAny>(input: ReadInput, schema: S, what: string): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(input.text);
  } catch (e) {
    throw new AtlasError(`is not valid JSON (${(e as Error).message.split("\n")[0]})`, { file: input.file.path });
  }
  return checkSchema(value, schema, what, input.file.path);
}

export function checkSchema<S extends z.ZodTypeAny>(value: unknown, schema: S, what: string, file: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const first = issues[0];
  const where = first.path.length ? `${first.path.join(".")}: ` : "";
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : "";
  throw new AtlasError(`not a valid ${what}: ${where}${first.message.split("\n")[0]}${more}`, { file });
}
