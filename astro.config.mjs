// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";

process.env.ASTRO_TELEMETRY_DISABLED = "1";

export default defineConfig({
  integrations: [mdx()],
  // Sites are served from a folder or a sub-path; ATLAS_BASE sets the sub-path for a deployment.
  base: process.env.ATLAS_BASE ?? "/",
  trailingSlash: "ignore",
});
