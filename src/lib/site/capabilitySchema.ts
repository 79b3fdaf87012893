// Frontmatter of a capability write-up (src/content/capabilities/<slug>.mdx).
import { z } from "zod";

export const capabilitySchema = z
  .object({
    /** Page title: the capability's name. */
    title: z.string().min(1),
    /** URL segment (/capabilities/<slug>/); also the figure id prefix. */
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    /** Task ids whose results the page shows; the first is the main one. */
    tasks: z.array(z.string()).min(1),
    /** One line for lists and the matrix. */
    summary: z.string().min(1),
    /** Position in lists (smaller first). */
    order: z.number(),
    /** draft: written but not reviewed (shown with a badge); published: reviewed. */
    status: z.enum(["draft", "published"]),
  })
  .strict();
export type Capability = z.infer<typeof capabilitySchema>;

/** The four section headings every capability page has, in this order. */
export const requiredSections = [
  "What it is",
  "Why it is useful to learn",
  "Which models have it",
  "How a transformer might implement it",
] as const;
