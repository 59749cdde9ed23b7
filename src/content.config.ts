import { readFile, readdir } from 'node:fs/promises';
import { defineCollection } from 'astro:content';
import { file, glob, type Loader } from 'astro/loaders';
import { z } from 'astro/zod';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { LAB_STRING_KEYS } from './components/workbench/strings';
import { PROGRESS_STRING_KEYS } from './components/progress/strings';
import { reviewQuestionsSchema } from './runtime/review-schema';

/**
 * The UI strings in src/i18n/<locale>.json, one entry per locale with no file path. Starlight names each
 * translation after its entry's file path relative to src/content/i18n/ (or after its id when it has none):
 * glob()'s entries from src/i18n/ were named `src/i18n/ko`, matched no locale, and every `Astro.locals.t()`
 * of ours answered its key (the lesson lists were labelled "meshdojo.lessonList.label").
 */
function uiStrings(): Loader {
  return {
    name: 'meshdojo:ui-strings',
    load: async ({ store, parseData, config, watcher }) => {
      const dir = new URL('src/i18n/', config.root);
      const loadAll = async () => {
        store.clear();
        for (const file of (await readdir(dir)).filter((name) => name.endsWith('.json'))) {
          const id = file.slice(0, -'.json'.length);
          const data = JSON.parse(await readFile(new URL(file, dir), 'utf8')) as Record<string, unknown>;
          store.set({ id, data: await parseData({ id, data }) });
        }
      };
      await loadAll();
      // `astro dev`: a changed string shows without a restart.
      watcher?.add(dir.pathname);
      watcher?.on('change', (path) => void (path.startsWith(dir.pathname) && loadAll()));
    },
  };
}

/** A count's singular form (`<key>_one`, see formatCount) only where the language has one: not in Korean. */
const uiString = (key: string) => (key.endsWith('_one') ? z.string().optional() : z.string());

/** A text in both course languages. */
const bilingual = z.object({ ko: z.string().min(1), en: z.string().min(1) });

/**
 * One term of the glossary (content/glossary.yaml): its spelling in each language, what it means, an optional
 * note, and the spellings lessons must not use for it (scripts/check-content.mjs enforces them).
 */
const glossaryTerm = z.object({
  ko: z.string().min(1).describe('the Korean term, as lessons write it'),
  en: z.string().min(1).describe('the English term, as lessons write it'),
  means: bilingual.describe('a one-sentence definition'),
  note: bilingual.optional().describe('what a learner should also know: history, a nearby term it is not'),
  avoid: z
    .object({ ko: z.array(z.string().min(1)).optional(), en: z.array(z.string().min(1)).optional() })
    .optional()
    .describe('spellings a lesson must not use for this idea'),
});

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
        /** The lab (a folder in src/labs) that goes with this lesson, or its labs in the learner's order. */
        lab: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
        /** What the learner will be able to do after the lesson: 3–5 lines in the page's language. */
        objectives: z.array(z.string().min(1)).min(3).max(5).optional(),
        /** Lessons to read first, by number ("1.2"). */
        prerequisites: z.array(z.string().regex(/^\d+\.\d+$/)).optional(),
        /** Estimated time for the lesson itself (its lab has its own). */
        minutes: z.number().int().positive().optional(),
        difficulty: z.enum(['beginner', 'intermediate', 'advanced']).optional(),
        /** Cluster preset the lesson's shell commands run against (the test suite runs every one of them). */
        shell: z.enum(['bare', 'istio', 'bookinfo']).optional(),
        /**
         * Whether the shell starts with `~/.kube/config` pointing at the cluster (default true); false where the
         * lesson has the learner make it. A lesson with a lab says what its lab's `kubeconfig` says.
         */
        kubeconfig: z.boolean().optional(),
        /** False where the lesson shows a load balancer `<pending>` (its lab says the same). */
        awaitLoadBalancers: z.boolean().optional(),
        /** The lesson's review: graded questions `<Review>` shows at its end (ids shared by both languages). */
        review: reviewQuestionsSchema.optional(),
      }),
    }),
  }),
  // A lab's steps (src/labs/<id>/steps/<nn>-<step>.<locale>.md): rendered into the lab page through the same
  // markdown pipeline as the lessons (code blocks, copy buttons). Ids keep the path: `<lab>/steps/<file>`.
  labSteps: defineCollection({
    loader: glob({
      base: './src/labs',
      pattern: '*/steps/*.md',
      generateId: ({ entry }) => entry.replace(/\.md$/, ''),
    }),
    schema: z.object({
      title: z.string(),
      /** Revealed one at a time (markdown). */
      hints: z.array(z.string()).default([]),
      /** Shown once the step passes (markdown). */
      why: z.string(),
      /** Shown under the why once the step passes, its {check-id.fact} filled from the learner's run (markdown). */
      yourRun: z.string().optional(),
      /** A quiz step's questions, graded in the page (the lessons' review format; src/labs checks both languages). */
      review: reviewQuestionsSchema.optional(),
    }),
  }),
  // The glossary: one YAML list of terms, rendered per language by src/components/glossary/Glossary.astro.
  glossary: defineCollection({ loader: file('content/glossary.yaml'), schema: glossaryTerm }),
  // UI strings: one flat JSON per locale with dotted keys (src/i18n/ko.json, en.json), read with Astro.locals.t().
  i18n: defineCollection({
    loader: uiStrings(),
    schema: i18nSchema({
      extend: z.object({
        'meshdojo.lessonList.label': z.string(),
        'meshdojo.glossary.avoid': z.string(),
        'meshdojo.lesson.objectives': z.string(),
        'meshdojo.lesson.prerequisites': z.string(),
        'meshdojo.lesson.time': z.string(),
        'meshdojo.lesson.difficulty': z.string(),
        // The lab workbench's strings (src/components/workbench/strings.ts): every key in both languages.
        ...Object.fromEntries(LAB_STRING_KEYS.map((key) => [key, uiString(key)])),
        // The lab catalogue, progress and reviews (src/components/progress/strings.ts).
        ...Object.fromEntries(PROGRESS_STRING_KEYS.map((key) => [key, uiString(key)])),
      }),
    }),
  }),
};
