// The figure as PNG at twice the SVG's size, for slides and documents that do not take SVG.
import type { APIRoute } from "astro";
import type { FigureDef } from "../../lib/figures/figureTypes.ts";
import { mediaType } from "../../lib/figures/downloads.ts";
import { renderPng } from "../../lib/figures/renderPng.ts";
import { figureSvg } from "../../lib/site/figureLinks.ts";
export { figurePaths as getStaticPaths } from "../../lib/site/figureRoutes.ts";

export const GET: APIRoute = async ({ props }) => {
  const png = await renderPng(await figureSvg(props.figure as FigureDef));
  return new Response(new Uint8Array(png), { headers: { "Content-Type": mediaType("png") } });
};
