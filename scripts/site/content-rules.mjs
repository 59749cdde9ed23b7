// Rules every lesson pair must keep, as pure functions over file text, so they are unit-tested and
// reused by scripts/check-content.mjs.
import { frontmatterOf } from './sidebar.mjs';

export const LOCALES = ['ko', 'en'];
const HANGUL = /[\uAC00-\uD7A3]/;
const PLACEHOLDER = /coming soon|준비\s*중|TBD|TODO|lorem ipsum/i;

/** Removes frontmatter, imports and fenced code so only the prose is left. */
export function proseOf(mdx) {
  return mdx
    .replace(/^---\r?\n[\s\S]*?\r?\n---/, '')
    .replace(/^import .*$/gm, '')
    .replace(/^(```|~~~)[\s\S]*?^\1/gm, '');
}

/** Markdown headings (## and deeper) outside code fences, as `{ depth, text }`. */
export function headingsOf(mdx) {
  return [...proseOf(mdx).matchAll(/^(#{2,6})\s+(.+)$/gm)].map((m) => ({ depth: m[1].length, text: m[2].trim() }));
}

/** Internal links written in the page: markdown `](/x/)`, `href="/x/"` and `link: /x/` in frontmatter. */
export function internalLinksOf(mdx) {
  const links = [
    ...mdx.matchAll(/\]\((\/[^)\s#]*)(#[^)\s]*)?\)/g),
    ...mdx.matchAll(/href=["'](\/[^"'#]*)(#[^"']*)?["']/g),
    ...mdx.matchAll(/^\s*link:\s*['"]?(\/[^\s'"#]*)/gm),
  ];
  return links.map((m) => m[1]);
}

/** Component tags used in the page (`<LessonList`, `<CascadingFailure`), sorted. */
export function componentsOf(mdx) {
  return [...proseOf(mdx).matchAll(/<([A-Z][A-Za-z0-9]*)/g)].map((m) => m[1]).sort();
}

/**
 * Problems with one page in one locale. `slugExists(path)` answers whether a site path such as
 * `/ko/part-1/` is a page.
 */
export function pageProblems({ locale, slug, text }, slugExists) {
  const problems = [];
  const prose = proseOf(text)
    .replace(/<[^>]+>/g, '')
    .trim();
  if (prose.length < 40) problems.push(`${locale}/${slug}: the page is empty`);
  if (locale === 'ko' && !HANGUL.test(prose)) problems.push(`ko/${slug}: a Korean page without Hangul`);
  if (PLACEHOLDER.test(text)) problems.push(`${locale}/${slug}: placeholder text ("${PLACEHOLDER.exec(text)[0]}")`);
  for (const link of internalLinksOf(text)) {
    if (!slugExists(link)) problems.push(`${locale}/${slug}: link to ${link} goes nowhere`);
  }
  return problems;
}

/**
 * A review's questions as both languages must agree on them: ids in order (progress is kept per id), and
 * what is right (which choices, or that it is a short answer). `choice:0,2/4` = choices 0 and 2 of 4 right.
 */
export function reviewShapeOf(mdx) {
  const review = frontmatterOf(mdx).review;
  if (!Array.isArray(review)) return [];
  return review.map((question) => {
    if (!Array.isArray(question?.choices)) return `${question?.id}: short`;
    const right = question.choices.flatMap((choice, index) => (choice?.correct === true ? [index] : []));
    return `${question.id}: choice ${right.join(',')}/${question.choices.length}`;
  });
}

/** The labs a page's frontmatter names: `lab: <id>` or a list of ids. */
export function labIdsOf(frontmatter) {
  const { lab } = frontmatter;
  return lab === undefined ? [] : [lab].flat();
}

/** Problems between the Korean and English versions of one page. */
export function parityProblems(slug, ko, en) {
  const problems = [];
  const [hk, he] = [headingsOf(ko), headingsOf(en)];
  if (hk.length !== he.length) problems.push(`${slug}: ${hk.length} headings in ko, ${he.length} in en`);
  const [ck, ce] = [componentsOf(ko), componentsOf(en)];
  if (ck.join() !== ce.join()) problems.push(`${slug}: components differ (ko: ${ck.join(', ')}; en: ${ce.join(', ')})`);
  const [lk, le] = [labIdsOf(frontmatterOf(ko)).join(', '), labIdsOf(frontmatterOf(en)).join(', ')];
  if (lk !== le) problems.push(`${slug}: labs "${lk}" in ko, "${le}" in en`);
  for (const field of ['prerequisites', 'minutes', 'difficulty']) {
    const [fk, fe] = [JSON.stringify(frontmatterOf(ko)[field]), JSON.stringify(frontmatterOf(en)[field])];
    if (fk !== fe) problems.push(`${slug}: ${field} ${fk} in ko, ${fe} in en`);
  }
  const [ok, oe] = [frontmatterOf(ko).objectives?.length ?? 0, frontmatterOf(en).objectives?.length ?? 0];
  if (ok !== oe) problems.push(`${slug}: ${ok} objectives in ko, ${oe} in en`);
  const [nk, ne] = [frontmatterOf(ko).lesson, frontmatterOf(en).lesson];
  if (nk !== ne) problems.push(`${slug}: lesson number "${nk}" in ko, "${ne}" in en`);
  const [rk, re] = [reviewShapeOf(ko), reviewShapeOf(en)];
  if (rk.join('; ') !== re.join('; ')) {
    problems.push(`${slug}: review questions differ (ko: ${rk.join('; ') || 'none'}; en: ${re.join('; ') || 'none'})`);
  }
  return problems;
}
