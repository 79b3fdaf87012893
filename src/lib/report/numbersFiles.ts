// numbers.tex (the macros, each with its meaning as a comment) and numbers.md (the same list as tables
// for reading), from the groups numberMacros builds.
import { plainNumber } from "./latexNumbers.ts";
import type { NumberGroup } from "./numberMacros.ts";
import { formatRules, namingRules } from "./numbersDoc.ts";
import type { ReportSource } from "./reportSource.ts";

function commentLines(lines: string[]): string[] {
  return lines.map((l) => `%   - ${l}`);
}

export function numbersTex(groups: NumberGroup[], source: ReportSource): string {
  const lines = [
    "% numbers.tex: every number the paper may quote from the TinyStories Capability Atlas, as macros.",
    `% Written by \`npm run report\` from the result files of ${source.date}; do not edit. Use: \\input{report/numbers.tex}`,
    "% Every macro with its meaning is also listed in numbers.md.",
    "%",
    "% Names:",
    ...commentLines(namingRules),
    "% Numbers:",
    ...commentLines(formatRules),
  ];
  for (const g of groups) {
    lines.push("", `% ${g.title}`);
    // The comment is only for readers of this file; a newline inside a meaning would end it early.
    for (const m of g.macros) lines.push(`\\newcommand{\\${m.name}}{${m.value}}% ${m.meaning.replace(/\s+/g, " ")}`);
  }
  return lines.join("\n") + "\n";
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ");
}

export function numbersMarkdown(groups: NumberGroup[], source: ReportSource): string {
  const lines = [
    "# Numbers for the paper",
    "",
    `Every macro in \`numbers.tex\` (results of ${source.date}), with its value and meaning. Values are shown as`,
    "plain text; `numbers.tex` holds their LaTeX form.",
    "",
    "Names:",
    "",
    ...namingRules.map((r) => `- ${r}`),
    "",
    "Numbers:",
    "",
    ...formatRules.map((r) => `- ${r}`),
  ];
  for (const g of groups) {
    lines.push("", `## ${g.title}`, "", "| macro | value | meaning |", "| --- | --- | --- |");
    for (const m of g.macros) lines.push(`| \`\\${m.name}\` | ${cell(plainNumber(m.value))} | ${cell(m.meaning)} |`);
  }
  return lines.join("\n") + "\n";
}
