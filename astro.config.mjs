// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import { defaultClientConditions } from "vite";

process.env.ASTRO_TELEMETRY_DISABLED = "1";

export default defineConfig({
  integrations: [mdx()],
  // Sites are served from a folder or a sub-path; ATLAS_BASE sets the sub-path for a deployment.
  base: process.env.ATLAS_BASE ?? "/",
  // The public address of a deployment (citations and BibTeX use it); unset, they cite the local preview.
  site: process.env.ATLAS_SITE_URL || undefined,
  trailingSlash: "ignore",
  vite: {
    build: {
      // vega-embed (loaded on demand when a chart is made interactive) is one ~860 kB chunk by design.
      chunkSizeWarningLimit: 1000,
    },
    resolve: {
      // onnxruntime-web's default build embeds `new URL("….wasm", import.meta.url)`, which makes Vite emit a
      // second 27 MB copy of the wasm; this condition picks its build that loads the wasm from the URLs the
      // probe sets (public/ort/, copied by `atlas site-assets`).
      conditions: ["onnxruntime-web-use-extern-wasm", ...defaultClientConditions],
    },
  },
});
