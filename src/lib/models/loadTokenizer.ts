// Loads the tokenizer of a prepared model folder (tokenizer.json + tokenizer_config.json) in Node.
import { AtlasError } from "../errors.ts";
import { readModelFile } from "./readModelFile.ts";
import { tokenizerFromJson, type Tokenizer } from "./tokenizer.ts";

export type { Tokenizer } from "./tokenizer.ts";
export { tokenizerFromJson } from "./tokenizer.ts";

/** Loads tokenizer.json + tokenizer_config.json from a folder. */
export async function loadTokenizer(folder: string, model: string = folder): Promise<Tokenizer> {
  const readJson = async (file: string): Promise<object> => {
    const text = await readModelFile(folder, file, model);
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
