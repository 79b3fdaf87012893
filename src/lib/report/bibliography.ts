// atlas.bib: the site as the site itself asks to be cited (siteBibtex, dated by the results) and the
// TinyStories paper whose models the atlas studies.
import { siteBibtex } from "../figures/citation.ts";
import type { ReportSource } from "./reportSource.ts";

export const tinyStoriesBibtex = [
  "@article{eldan2023tinystories,",
  "  title         = {{TinyStories}: How Small Can Language Models Be and Still Speak Coherent {English}?},",
  "  author        = {Eldan, Ronen and Li, Yuanzhi},",
  "  journal       = {arXiv preprint arXiv:2305.07759},",
  "  year          = {2023},",
  "  eprint        = {2305.07759},",
  "  archivePrefix = {arXiv},",
  "  primaryClass  = {cs.CL},",
  "}",
].join("\n");

export function atlasBib(siteUrl: string, source: ReportSource): string {
  return `${siteBibtex(siteUrl, source)}\n\n${tinyStoriesBibtex}\n`;
}
