// The figure's data rows as JSON, with its caption, provenance and citation line.
import type { APIRoute } from "astro";
import type { FigureDef } from "../../lib/figures/figureTypes.ts";
import { dataDocument, mediaType } from "../../lib/figures/downloads.ts";
import { figureCitation } from "../../lib/site/figureLinks.ts";
export { figurePaths as getStaticPaths } from "../../lib/site/figureRoutes.ts";

export const GET: APIRoute = ({ props }) => {
  const figure = props.figure as FigureDef;
  return new Response(`${JSON.stringify(dataDocument(figure, figureCitation(figure)))}\n`, { headers: { "Content-Type": mediaType("json") } });
};
