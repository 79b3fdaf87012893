// Figures and tables on the site: built once per result file from the content collection, their URLs
// (permalink page, download files) and the capability page each task appears on.
import { figuresForTask } from "../figures/registry.ts";
import { tablesForTask } from "../figures/tables.ts";
import { citationLine, figurePermalink, resolveSiteUrl } from "../figures/citation.ts";
import type { FigureDef, TableDef } from "../figures/figureTypes.ts";
import { renderSvg } from "../figures/vegaNode.ts";
import type { MechanismFile } from "../mechanisms/mechanismSchema.ts";
import type { ResultFile } from "../results/resultSchema.ts";
import { usableMechanismFile } from "./mechanismData.ts";
import { href } from "./paths.ts";
import { capabilityPages, resultsByTask } from "./siteContent.ts";

// Keyed by the collection's entry objects (and the mechanism file read with them), so a changed result or
// mechanism file (dev server) builds afresh.
const figureCache = new WeakMap<ResultFile, { mechanisms: MechanismFile | null; figures: FigureDef[] }>();
const tableCache = new WeakMap<ResultFile, TableDef[]>();
const svgCache = new WeakMap<FigureDef, Promise<string>>();

/** The task's figures: its result figures, and its mechanism figures where data/mechanisms has usable evidence. */
export function taskFigures(result: ResultFile): FigureDef[] {
  const mechanisms = usableMechanismFile(result);
  let hit = figureCache.get(result);
  if (!hit || hit.mechanisms !== mechanisms) figureCache.set(result, (hit = { mechanisms, figures: figuresForTask(result, mechanisms) }));
  return hit.figures;
}

export function taskTables(result: ResultFile): TableDef[] {
  let tables = tableCache.get(result);
  if (!tables) tableCache.set(result, (tables = tablesForTask(result)));
  return tables;
}

export async function allFigures(): Promise<FigureDef[]> {
  return [...(await resultsByTask()).values()].sort((a, b) => a.task.id.localeCompare(b.task.id)).flatMap(taskFigures);
}

export async function allTables(): Promise<TableDef[]> {
  return [...(await resultsByTask()).values()].sort((a, b) => a.task.id.localeCompare(b.task.id)).flatMap(taskTables);
}

/** The static SVG, rendered once per build. */
export function figureSvg(figure: FigureDef): Promise<string> {
  let svg = svgCache.get(figure);
  if (!svg) svgCache.set(figure, (svg = renderSvg(figure.spec)));
  return svg;
}

/** Public root URL of the site (for citations): ATLAS_SITE_URL, else Astro's `site`, else the preview server. */
export function siteUrl(): string {
  return resolveSiteUrl({ envUrl: process.env.ATLAS_SITE_URL, configSite: import.meta.env.SITE, base: import.meta.env.BASE_URL });
}

export const figurePageHref = (id: string): string => href(`figures/${id}/`);
export const figureFileHref = (id: string, ext: string): string => href(`figures/${id}.${ext}`);
export const tableFileHref = (id: string, ext: string): string => href(`tables/${id}.${ext}`);

/** The capability page (site-relative path) that shows a task, or null where no page lists it yet. */
export async function capabilityPathForTask(task: string): Promise<{ path: string; title: string } | null> {
  const page = (await capabilityPages()).find((p) => p.data.tasks.includes(task));
  return page ? { path: `capabilities/${page.data.slug}/`, title: page.data.title } : null;
}

export function figureCitation(figure: FigureDef): string {
  return citationLine("Figure", figure.id, figure.source, figurePermalink(siteUrl(), figure.id));
}

/** Tables live on their capability page: the permalink is that page's anchor. */
export async function tableCitation(table: TableDef): Promise<string> {
  const page = await capabilityPathForTask(table.task);
  const url = page ? `${siteUrl()}${page.path}#${table.id}` : `${siteUrl()}tables/${table.id}.json`;
  return citationLine("Table", table.id, table.source, url);
}

/** Width and height of a vega SVG (for the <img> placeholder, so the page does not jump). */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  return m ? { width: Math.round(+m[1]), height: Math.round(+m[2]) } : { width: 600, height: 400 };
}
