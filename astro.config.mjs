// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { buildSidebar, GLOSSARY_ITEM, LABS_ITEM } from './scripts/site/sidebar.mjs';
import { devHeaders, securityHeaders, headersFileIntegration, buildPolicy } from './scripts/site/headers.mjs';
import { cspMetaIntegration } from './scripts/site/csp.mjs';
import { notFoundPagesIntegration } from './scripts/site/not-found.mjs';
import { codeBlockStringsPlugin } from './scripts/site/code-block-strings.mjs';
import { earlyWorkerIntegration } from './scripts/site/early-worker.mjs';
import { repeatedAssetsIntegration } from './scripts/site/repeated-assets.mjs';
import { costlyRulesIntegration } from './scripts/site/costly-rules.mjs';
import { webcontainerPayloadIntegration } from './scripts/site/webcontainer-payload.mjs';
import { editorSchemaPlugin } from './scripts/site/editor-schema.mjs';
import { precompressIntegration } from './scripts/site/precompress.mjs';

export default defineConfig({
  site: 'http://localhost:4321',
  trailingSlash: 'always',
  server: { port: 4321, headers: devHeaders },
  // Workers are ES modules so the sandbox Worker can load its grader as a chunk of its own, on demand.
  vite: {
    preview: { headers: securityHeaders },
    // The lab editor's YAML schema, generated from the API server's model packages.
    plugins: [editorSchemaPlugin()],
    worker: { format: 'es' },
    resolve: {
      // monaco-yaml's worker imports `monaco-editor/esm/vs/…`, which monaco-editor 0.57's exports map
      // sends to `esm/vs/esm/vs/…`: point the old deep path at the file itself.
      alias: [
        {
          find: /^monaco-editor\/esm\/vs\/(.*)$/,
          replacement: fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/$1', import.meta.url)),
        },
      ],
    },
  },
  integrations: [
    starlight({
      title: 'meshdojo',
      description: 'Learn service mesh with Istio, in Korean and English, with labs in the browser.',
      defaultLocale: 'ko',
      locales: {
        ko: { label: '한국어', lang: 'ko' },
        en: { label: 'English', lang: 'en' },
      },
      markdown: { processedDirs: ['./content'] },
      plugins: [codeBlockStringsPlugin()],
      sidebar: [...buildSidebar(new URL('./content/', import.meta.url)), GLOSSARY_ITEM, LABS_ITEM],
      customCss: ['./src/styles/fonts.css', './src/styles/theme.css'],
      // A lesson whose frontmatter names a lab links to the lab page under its title.
      // Lab pages keep the editor and terminal out of Starlight's markdown wrapper (see the override).
      // The sidebar marks each lab entry with the learner's progress.
      components: {
        PageTitle: './src/components/workbench/PageTitleWithLab.astro',
        MarkdownContent: './src/components/workbench/MarkdownContentOutsideLabs.astro',
        Sidebar: './src/components/progress/SidebarWithProgress.astro',
      },
    }),
    mdx(),
    headersFileIntegration(),
    // dist/ko/404.html and dist/en/404.html: a missing page answered in its path's language.
    notFoundPagesIntegration(),
    // The program a WebContainer runs as the lab's shell (dist/webcontainer/meshdojo-shell.mjs).
    webcontainerPayloadIntegration(),
    // The lab pages' early script gets the sandbox Worker's hashed URL (before the CSP hashes it).
    earlyWorkerIntegration(),
    // One copy of each stylesheet link and module script per page (a lab page's steps each bring Expressive Code's).
    repeatedAssetsIntegration(),
    // Starlight's costly list-spacing rule out of the shared stylesheet, back inline on every page but the labs.
    costlyRulesIntegration(),
    // A <meta> CSP with a hash for every inline script and style of each built page, on top of the header.
    cspMetaIntegration(buildPolicy),
    // Brotli and gzip copies of every text file for scripts/serve.mjs; last, after every rewrite of a file.
    precompressIntegration(),
  ],
});
