// Small facts about token texts that several detectors share (GPT-2 BPE: a word's first piece carries its
// leading space, later pieces do not).

const letter = /\p{L}/u;

/** The text without surrounding whitespace. */
export function bare(text: string): string {
  return text.trim();
}

export function startsWithLetter(text: string): boolean {
  return text.length > 0 && letter.test(text[0]);
}

export function endsWithLetter(text: string): boolean {
  return text.length > 0 && letter.test(text[text.length - 1]);
}

/** Continues the previous token's word: starts with a letter, no space, right after a token ending in a letter. */
export function continuesWord(texts: readonly string[], t: number): boolean {
  return t > 0 && startsWithLetter(texts[t]) && endsWithLetter(texts[t - 1]);
}

/** Starts a word: has letters right after an optional single leading space, and does not continue one. */
export function startsWord(texts: readonly string[], t: number): boolean {
  const s = texts[t].startsWith(" ") ? texts[t].slice(1) : texts[t];
  return startsWithLetter(s) && !continuesWord(texts, t);
}

/** A whole word on its own: starts a word, letters only, and the next token does not continue it. */
export function wholeWord(texts: readonly string[], t: number): boolean {
  return startsWord(texts, t) && /^ ?\p{L}+$/u.test(texts[t]) && !(t + 1 < texts.length && continuesWord(texts, t + 1));
}

/** Whether token t begins a sentence: the story's first token, or after . ! ? a quote mark or a newline. */
export function atSentenceStart(texts: readonly string[], t: number): boolean {
  if (t === 0) return true;
  const prev = texts[t - 1];
  if (prev.includes("\n")) return true;
  const end = prev.trimEnd();
  return /[.!?"“”]$/.test(end);
}

/** A word of a story rebuilt from its tokens. */
export interface StoryWord {
  /** Its first token. */
  start: number;
  /** One past its last token (the tokens that continue it). */
  end: number;
  /** Its letters, lower case. */
  word: string;
}

/** The words of a story, in order: each token that starts a word, with the tokens that continue it. */
export function storyWords(texts: readonly string[]): StoryWord[] {
  const words: StoryWord[] = [];
  let current: StoryWord | null = null;
  for (let t = 0; t < texts.length; t++) {
    if (startsWord(texts, t)) {
      current = { start: t, end: t + 1, word: letters(texts[t]) };
      words.push(current);
    } else if (current && current.end === t && continuesWord(texts, t)) {
      current.end = t + 1;
      current.word += letters(texts[t]);
    }
  }
  return words;
}

/** The leading run of letters of a token (lower case, leading space dropped). */
export function letters(text: string): string {
  return (/^ ?(\p{L}+)/u.exec(text)?.[1] ?? "").toLowerCase();
}
