// The figure's static SVG (the same picture the pages show before any JavaScript runs).
import type { APIRoute } from "astro";
import type { FigureDef } from "../../lib/figures/figureTypes.ts";
import { mediaType } from "../../lib/figures/downloads.ts";
import { figureSvg } from "../../lib/site/figureLinks.ts";
export { figurePaths as getStaticPaths } from "../../lib/site/figureRoutes.ts";

export const GET: APIRoute = async ({ props }) => {
  const svg = await figureSvg(props.figure as FigureDef);
  return new Response(svg, { headers: { "Content-Type": mediaType("svg") } });
};
