// A capability page table as JSON, with its caption, provenance and citation line.
import type { APIRoute } from "astro";
import type { TableDef } from "../../lib/figures/figureTypes.ts";
import { dataDocument, mediaType } from "../../lib/figures/downloads.ts";
import { tableCitation } from "../../lib/site/figureLinks.ts";
export { tablePaths as getStaticPaths } from "../../lib/site/figureRoutes.ts";

export const GET: APIRoute = async ({ props }) => {
  const table = props.table as TableDef;
  return new Response(`${JSON.stringify(dataDocument(table, await tableCitation(table)))}\n`, { headers: { "Content-Type": mediaType("json") } });
};
