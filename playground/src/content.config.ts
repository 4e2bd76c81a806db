import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

/** The guides: Markdown files in src/content/guides, one page each under /guides/. */
export const collections = {
  guides: defineCollection({
    loader: glob({ pattern: '**/*.md', base: './src/content/guides' }),
    schema: z.object({ title: z.string(), order: z.number() }),
  }),
};
