// The figure's vega-lite spec with its data inlined: opens as is in any vega-lite tool, and is what the
// interactive view loads.
import type { APIRoute } from "astro";
import type { FigureDef } from "../../lib/figures/figureTypes.ts";
import { mediaType } from "../../lib/figures/downloads.ts";
export { figurePaths as getStaticPaths } from "../../lib/site/figureRoutes.ts";

export const GET: APIRoute = ({ props }) => {
  const figure = props.figure as FigureDef;
  return new Response(`${JSON.stringify(figure.spec)}\n`, { headers: { "Content-Type": mediaType("vl.json") } });
};
