// TinyStories text files: stories separated by <|endoftext|>, numbered from 0 in file order.
export const STORY_SEPARATOR = "<|endoftext|>";

/** The stories of a file, trimmed of surrounding whitespace, empty pieces dropped. */
export function splitStories(text: string): string[] {
  return text
    .split(STORY_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
