// getStaticPaths for the figure and table download endpoints: one path per figure (or table) of every
// result file, with the definition as the route's props.
import type { FigureDef, TableDef } from "../figures/figureTypes.ts";
import { allFigures, allTables } from "./figureLinks.ts";

export async function figurePaths(): Promise<Array<{ params: { id: string }; props: { figure: FigureDef } }>> {
  return (await allFigures()).map((figure) => ({ params: { id: figure.id }, props: { figure } }));
}

export async function tablePaths(): Promise<Array<{ params: { id: string }; props: { table: TableDef } }>> {
  return (await allTables()).map((table) => ({ params: { id: table.id }, props: { table } }));
}
