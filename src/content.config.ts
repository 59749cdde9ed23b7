import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { docsSchema } from '@astrojs/starlight/schema';

// Lessons live in content/{ko,en}/ (outside src/ so authors find them at the top of the repo);
// entry ids are `<locale>/<part>/<lesson>`, which Starlight maps to locale-prefixed routes.
export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema({
      extend: z.object({
        /** Lesson number from the course plan, e.g. "1.1"; absent on part overviews and the home page. */
        lesson: z
          .string()
          .regex(/^\d+\.\d+$/)
          .optional(),
      }),
    }),
  }),
};
