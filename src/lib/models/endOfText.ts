/**
 * GPT-2's <|endoftext|> id, which every TinyStories model shares: the boundary before and after a story, the
 * first token when a story is scored from its start, and the padding on the right of a batch (where a causal
 * model never looks back at it).
 */
export const END_OF_TEXT_ID = 50256;
