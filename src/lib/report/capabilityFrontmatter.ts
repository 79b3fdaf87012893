// The capability pages' frontmatter (src/content/capabilities/*.mdx), read without Astro: the YAML
// between the first two "---" lines, checked with the site's schema, in page order.
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { AtlasError } from "../errors.ts";
import { type Capability, capabilitySchema } from "../site/capabilitySchema.ts";
import { checkSchema, displayPath, type InputFile, readInput } from "./inputFiles.ts";

export interface CapabilityInput {
  file: InputFile;
  capability: Capability;
}

export function frontmatterOf(text: string, file: string): unknown {
  const lines = text.split(/\r?\n/);
  const end = lines.indexOf("---", 1);
  if (lines[0] !== "---" || end < 0) throw new AtlasError("has no frontmatter (a block between two --- lines at the top)", { file });
  try {
    return parseYaml(lines.slice(1, end).join("\n"));
  } catch (e) {
    throw new AtlasError(`frontmatter is not valid YAML: ${(e as Error).message.split("\n")[0]}`, { file });
  }
}

/** Every capability page, in the order the site lists them (order, then title). */
export function readCapabilities(dir: string, root: string): CapabilityInput[] {
  if (!fs.existsSync(dir)) throw new AtlasError("missing (the capability pages' folder)", { file: displayPath(root, dir) });
  const pages = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".mdx"))
    .sort()
    .map((name) => {
      const input = readInput(root, path.join(dir, name), "a capability page");
      const capability = checkSchema(frontmatterOf(input.text, input.file.path), capabilitySchema, "capability frontmatter", input.file.path);
      return { file: input.file, capability };
    });
  return pages.sort((a, b) => a.capability.order - b.capability.order || a.capability.title.localeCompare(b.capability.title));
}
