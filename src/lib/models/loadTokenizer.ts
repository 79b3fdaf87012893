// Loads the tokenizer of a prepared model folder (tokenizer.json + tokenizer_config.json) in Node.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { AtlasError } from "../errors.ts";
import { tokenizerFromJson, type Tokenizer } from "./tokenizer.ts";

export type { Tokenizer } from "./tokenizer.ts";
export { tokenizerFromJson } from "./tokenizer.ts";

/** Loads tokenizer.json + tokenizer_config.json from a folder. */
export async function loadTokenizer(folder: string, model: string = folder): Promise<Tokenizer> {
  const readJson = async (file: string): Promise<object> => {
    let text: string;
    try {
      text = await readFile(path.join(folder, file), "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new AtlasError(code === "ENOENT" ? `missing from ${folder}` : `cannot be read: ${code ?? error}`, { model, file });
    }
    try {
      const json: unknown = JSON.parse(text);
      if (typeof json !== "object" || json === null) throw new Error("not an object");
      return json;
    } catch {
      throw new AtlasError("is not a JSON object", { model, file });
    }
  };
  const [tokenizerJson, tokenizerConfig] = await Promise.all([readJson("tokenizer.json"), readJson("tokenizer_config.json")]);
  return tokenizerFromJson(tokenizerJson, tokenizerConfig, model);
}
