// Text from result files (ids, titles, captions, paths) made safe for LaTeX text mode: the ten special
// characters escaped, "--" kept from becoming a dash, and the few non-ASCII symbols the atlas writes mapped
// to commands that need no extra package.

const special: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  $: "\\$",
  "&": "\\&",
  "%": "\\%",
  "#": "\\#",
  _: "\\_",
  "^": "\\^{}",
  "~": "\\textasciitilde{}",
  "<": "\\ensuremath{<}",
  ">": "\\ensuremath{>}",
  "|": "\\textbar{}",
  // A straight double quote renders as a closing quote in OT1; two apostrophes do the same everywhere.
  '"': "''",
  "–": "--",
  "—": "---",
  "→": "\\ensuremath{\\rightarrow}",
  "≥": "\\ensuremath{\\geq}",
  "≤": "\\ensuremath{\\leq}",
  "×": "\\ensuremath{\\times}",
  "’": "'",
  "‘": "`",
  "“": "``",
  "”": "''",
};

/** Escapes text for LaTeX text mode; ">=" and "<=" become the math relations. */
export function escapeLatex(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if ((c === ">" || c === "<") && next === "=") {
      out += c === ">" ? "\\ensuremath{\\geq}" : "\\ensuremath{\\leq}";
      i++;
    } else if (c === "-" && next === "-") {
      // "--" and "---" are ligatures (dashes) in LaTeX; ids with doubled hyphens must print as written.
      out += "-{}";
    } else {
      out += special[c] ?? c;
    }
  }
  return out;
}

/** An id or path in typewriter type, escaped. */
export function texttt(text: string): string {
  return `\\texttt{${escapeLatex(text)}}`;
}
