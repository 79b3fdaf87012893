// Reading one file of a model folder, with the one-line error every model file gets when it is not there.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { AtlasError } from "../errors.ts";

/** The text of `file` in `folder`; an AtlasError naming the model and file when it is missing or unreadable. */
export async function readModelFile(folder: string, file: string, model: string): Promise<string> {
  try {
    return await readFile(path.join(folder, file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AtlasError(code === "ENOENT" ? `missing from ${folder}` : `cannot be read: ${code ?? error}`, { model, file });
  }
}
