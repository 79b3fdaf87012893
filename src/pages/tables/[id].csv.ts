// A capability page table (verdicts, examples) as CSV.
import type { APIRoute } from "astro";
import type { TableDef } from "../../lib/figures/figureTypes.ts";
import { toCsv } from "../../lib/figures/csv.ts";
import { mediaType } from "../../lib/figures/downloads.ts";
export { tablePaths as getStaticPaths } from "../../lib/site/figureRoutes.ts";

export const GET: APIRoute = ({ props }) => {
  const table = props.table as TableDef;
  return new Response(toCsv(table.columns, table.rows), { headers: { "Content-Type": mediaType("csv") } });
};
