// How to cite the site and one of its figures or tables. The site URL is the public root of the deployed
// site (with its sub-path): ATLAS_SITE_URL, else Astro's `site` config, else the local preview server.
import type { FigureSource } from "./figureTypes.ts";

export const SITE_TITLE = "TinyStories Capability Atlas";
const LOCAL_PREVIEW = "http://localhost:4321";

/** The site's root URL, always ending in "/". `base` is the deployment's sub-path (ATLAS_BASE). */
export function resolveSiteUrl(options: { envUrl?: string; configSite?: string; base?: string }): string {
  const explicit = options.envUrl?.trim() || undefined;
  if (explicit) return withSlash(explicit);
  const root = options.configSite ? options.configSite.replace(/\/+$/, "") : LOCAL_PREVIEW;
  const base = (options.base ?? "/").replace(/^\/*/, "/").replace(/\/*$/, "/");
  // A configured `site` may already carry the sub-path.
  return root.endsWith(base.replace(/\/$/, "")) && base !== "/" ? withSlash(root) : `${root}${base}`;
}

/** "4ded2ba35e3c...-dirty" -> "4ded2ba-dirty": the commit as people quote it, keeping the dirty mark. */
export function shortCodeVersion(codeVersion: string): string {
  const dirty = codeVersion.endsWith("-dirty");
  const commit = dirty ? codeVersion.slice(0, -"-dirty".length) : codeVersion;
  const short = /^[0-9a-f]{8,}$/i.test(commit) ? commit.slice(0, 7) : commit;
  return dirty ? `${short}-dirty` : short;
}

/** A BibTeX @misc entry for the site, dated by the results it shows. */
export function siteBibtex(siteUrl: string, source: Pick<FigureSource, "codeVersion" | "date">): string {
  const year = source.date.slice(0, 4);
  return [
    `@misc{tinystories-atlas-${year},`,
    `  title        = {{${SITE_TITLE}}},`,
    `  howpublished = {\\url{${siteUrl}}},`,
    `  year         = {${year}},`,
    `  note         = {Code version ${shortCodeVersion(source.codeVersion)}, results of ${source.date}},`,
    `}`,
  ].join("\n");
}

/** "Figure fig-x-main-metric, TinyStories Capability Atlas (code 4ded2ba, 2026-11-21), <permalink>". */
export function citationLine(kind: "Figure" | "Table", id: string, source: Pick<FigureSource, "codeVersion" | "date">, permalink: string): string {
  return `${kind} ${id}, ${SITE_TITLE} (code ${shortCodeVersion(source.codeVersion)}, ${source.date}), ${permalink}`;
}

/** A figure's permalink page. */
export function figurePermalink(siteUrl: string, id: string): string {
  return `${withSlash(siteUrl)}figures/${id}/`;
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}
