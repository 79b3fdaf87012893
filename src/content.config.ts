// Content collections: the capability write-ups (MDX) and the result files written by `atlas data`,
// validated by the same schema the scoring code writes them with.
import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { capabilitySchema } from "./lib/site/capabilitySchema.ts";
import { resultFileSchema } from "./lib/results/resultSchema.ts";

const dataDir = process.env.ATLAS_DATA ?? "./data";

const capabilities = defineCollection({
  loader: glob({ pattern: "*.mdx", base: "./src/content/capabilities" }),
  schema: capabilitySchema,
});

const results = defineCollection({
  loader: glob({ pattern: "*.json", base: `${dataDir}/results` }),
  schema: resultFileSchema,
});

export const collections = { capabilities, results };
