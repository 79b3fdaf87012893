// The figure's data rows as CSV.
import type { APIRoute } from "astro";
import type { FigureDef } from "../../lib/figures/figureTypes.ts";
import { toCsv } from "../../lib/figures/csv.ts";
import { mediaType } from "../../lib/figures/downloads.ts";
export { figurePaths as getStaticPaths } from "../../lib/site/figureRoutes.ts";

export const GET: APIRoute = ({ props }) => {
  const figure = props.figure as FigureDef;
  return new Response(toCsv(figure.columns, figure.rows), { headers: { "Content-Type": mediaType("csv") } });
};
