// Builds Starlight's sidebar from the Korean content tree, so adding a lesson is adding a file:
// each part folder becomes a group (labels below), its pages ordered by `sidebar.order` in frontmatter;
// a lesson whose frontmatter names a lab (`lab: <id>`, or a list of them) is followed by its lab pages; the glossary
// (GLOSSARY_ITEM) and the lab catalogue (LABS_ITEM) come last. Lab entries carry `data-lab-id`, for the
// progress marks the page fills in (src/components/progress/SidebarWithProgress.astro).
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

/** The lab catalogue page (/ko/labs/, /en/labs/) and the prefix of a lab's entry under its lesson. */
export const LABS_LINK = { en: 'Labs', ko: '실습 목록' };
export const LAB_PREFIX = { en: 'Lab: ', ko: '실습: ' };

/** Frontmatter of MDX/MD text (the YAML between the leading `---` fences). */
export function frontmatterOf(text) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  return match ? (parse(match[1]) ?? {}) : {};
}

/** Pages of one part in one locale: `{ slug, order, file, lab }`, sorted by sidebar order then slug. */
export function partPages(contentDir, locale, part) {
  const dir = join(contentDir, locale, part);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^[^_].*\.mdx?$/.test(name))
    .map((name) => {
      const file = join(dir, name);
      const stem = name.replace(/\.mdx?$/, '');
      const frontmatter = frontmatterOf(readFileSync(file, 'utf8'));
      const order = frontmatter.sidebar?.order ?? Number.MAX_SAFE_INTEGER;
      return { slug: stem === 'index' ? part : `${part}/${stem}`, order, file, lab: frontmatter.lab };
    })
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}

/**
 * A lab's title in both languages, read from its `lab.ts` (`title: { ko: '…', en: '…' }`; the config
 * cannot load TypeScript). A test holds it to the registry's titles.
 */
export function labTitle(labsDir, id) {
  const file = join(labsDir, id, 'lab.ts');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const match = /\btitle:\s*\{\s*ko:\s*(['"`])(.*?)\1,\s*en:\s*(['"`])(.*?)\3/s.exec(text);
  return match ? { ko: match[2], en: match[4] } : { ko: id, en: id };
}

/** The sidebar entry of a lab, right under its lesson. */
export function labItem(labsDir, id) {
  const title = labTitle(labsDir, id);
  const label = { ko: LAB_PREFIX.ko + title.ko, en: LAB_PREFIX.en + title.en };
  return {
    label: label.en,
    translations: label,
    link: `/labs/${id}/`,
    attrs: { 'data-lab-id': id, class: 'sidebar-lab' },
  };
}

/**
 * @param {URL} contentUrl folder holding `ko/` and `en/`
 * @param {URL} labsUrl folder holding one folder per lab (src/labs/)
 */
export function buildSidebar(contentUrl, labsUrl = new URL('../src/labs/', contentUrl)) {
  const contentDir = fileURLToPath(contentUrl);
  const labsDir = fileURLToPath(labsUrl);
  return PARTS.map((part) => ({
    label: part.en,
    translations: { ko: part.ko, en: part.en },
    items: partPages(contentDir, 'ko', part.dir).flatMap(({ slug, lab }) => [
      slug,
      ...(lab === undefined ? [] : [lab].flat().map((id) => labItem(labsDir, id))),
    ]),
  }));
}

/** The glossary (content/<locale>/glossary.mdx), after the parts: its label is the page's title. */
export const GLOSSARY_ITEM = 'glossary';

/** The sidebar's last entry: the lab catalogue. */
export const LABS_ITEM = { label: LABS_LINK.en, translations: LABS_LINK, link: '/labs/' };
