// Builds Starlight's sidebar from the Korean content tree, so adding a lesson is adding a file:
// each part folder becomes a group (labels below), its pages ordered by `sidebar.order` in frontmatter.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Part folders in course order, with their group labels in both languages. */
export const PARTS = [
  { dir: 'part-1', en: 'Part 1 — Concepts', ko: '1부 개념' },
  { dir: 'part-2', en: 'Part 2 — NKS scenario', ko: '2부 NKS 시나리오' },
  { dir: 'part-3', en: 'Part 3 — Hands-on demo', ko: '3부 실습 데모' },
];

/** Frontmatter of MDX/MD text (the YAML between the leading `---` fences). */
export function frontmatterOf(text) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  return match ? (parse(match[1]) ?? {}) : {};
}

/** Pages of one part in one locale: `{ slug, order, file }`, sorted by sidebar order then slug. */
export function partPages(contentDir, locale, part) {
  const dir = join(contentDir, locale, part);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^[^_].*\.mdx?$/.test(name))
    .map((name) => {
      const file = join(dir, name);
      const stem = name.replace(/\.mdx?$/, '');
      const order = frontmatterOf(readFileSync(file, 'utf8')).sidebar?.order ?? Number.MAX_SAFE_INTEGER;
      return { slug: stem === 'index' ? part : `${part}/${stem}`, order, file };
    })
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}

/** @param {URL} contentUrl folder holding `ko/` and `en/` */
export function buildSidebar(contentUrl) {
  const contentDir = fileURLToPath(contentUrl);
  return PARTS.map((part) => ({
    label: part.en,
    translations: { ko: part.ko, en: part.en },
    items: partPages(contentDir, 'ko', part.dir).map(({ slug }) => slug),
  }));
}
