import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSidebar, frontmatterOf, LABS_ITEM, labTitle } from './sidebar.mjs';
import { labs } from '../../src/labs';
import { headingsOf, internalLinksOf, pageProblems, parityProblems } from './content-rules.mjs';
import {
  devHeaders,
  headersFile,
  headersFor,
  SANDBOX_HOST_PAGE,
  sandboxHostMetaPolicy,
  sandboxHostPolicy,
  sandboxWorkerPolicy,
  securityHeaders,
} from './headers.mjs';
import { preferredLocale } from '../serve.mjs';
import { cacheControlFor } from './cache-policy.mjs';
import { policyForPage, withPolicyMeta } from './csp.mjs';
import { withoutRepeatedAssets } from './repeated-assets.mjs';
import { splitCostlyRules, withCostlyRulesBack } from './costly-rules.mjs';
import { createHash } from 'node:crypto';

const page = (frontmatter: string, body: string) => `---\n${frontmatter}\n---\n${body}\n`;

describe('sidebar', () => {
  it('lists each part’s pages by sidebar order, overview first, from the Korean tree', () => {
    const root = mkdtempSync(join(tmpdir(), 'content-'));
    mkdirSync(join(root, 'ko/part-1'), { recursive: true });
    writeFileSync(join(root, 'ko/part-1/index.mdx'), page('title: 개요\nsidebar:\n  order: 0', '본문'));
    writeFileSync(join(root, 'ko/part-1/b.mdx'), page('title: 둘\nsidebar:\n  order: 2', '본문'));
    writeFileSync(join(root, 'ko/part-1/a.mdx'), page('title: 하나\nsidebar:\n  order: 1', '본문'));
    writeFileSync(join(root, 'ko/part-1/_draft.mdx'), page('title: 초안', '본문'));
    const [part1, part2] = buildSidebar(pathToFileURL(root + '/'));
    if (!part1 || !part2) throw new Error('three parts expected');
    expect(part1).toMatchObject({ label: 'Part 1 — Concepts', translations: { ko: '1부 개념' } });
    expect(part1.items).toEqual(['part-1', 'part-1/a', 'part-1/b']);
    expect(part2.items).toEqual([]);
  });

  it('puts a lesson’s lab right under it, marked for progress, and the lab catalogue last', () => {
    const root = mkdtempSync(join(tmpdir(), 'content-'));
    mkdirSync(join(root, 'content/ko/part-1'), { recursive: true });
    mkdirSync(join(root, 'labs/breaker'), { recursive: true });
    writeFileSync(
      join(root, 'content/ko/part-1/a.mdx'),
      page('title: 하나\nsidebar:\n  order: 1\nlab: breaker', '본문'),
    );
    writeFileSync(join(root, 'content/ko/part-1/b.mdx'), page('title: 둘\nsidebar:\n  order: 2', '본문'));
    writeFileSync(
      join(root, 'labs/breaker/lab.ts'),
      "export default defineLab({\n  id: 'breaker',\n  title: { ko: '브레이커 만들기', en: 'Build a breaker' },\n});\n",
    );
    const sidebar = buildSidebar(pathToFileURL(join(root, 'content') + '/'), pathToFileURL(join(root, 'labs') + '/'));
    expect(sidebar[0]!.items).toEqual([
      'part-1/a',
      {
        label: 'Lab: Build a breaker',
        translations: { ko: '실습: 브레이커 만들기', en: 'Lab: Build a breaker' },
        link: '/labs/breaker/',
        attrs: { 'data-lab-id': 'breaker', class: 'sidebar-lab' },
      },
      'part-1/b',
    ]);
    expect(LABS_ITEM).toEqual({ label: 'Labs', translations: { ko: '실습 목록', en: 'Labs' }, link: '/labs/' });
  });

  it('reads every lab’s title as the registry has it', () => {
    const labsDir = fileURLToPath(new URL('../../src/labs/', import.meta.url));
    for (const lab of labs) expect(labTitle(labsDir, lab.meta.id)).toEqual(lab.meta.title);
  });

  it('reads frontmatter and treats a file without it as empty', () => {
    expect(frontmatterOf(page('title: x\nlesson: "1.1"', 'y'))).toEqual({ title: 'x', lesson: '1.1' });
    expect(frontmatterOf('no frontmatter')).toEqual({});
  });
});

describe('content rules', () => {
  const ko = page(
    'title: 왜\nlesson: "1.1"',
    '## 하나\n\n서비스 메시가 왜 필요한지 설명합니다. 충분히 긴 본문입니다.\n\n### 둘\n<Diagram lang="ko" />',
  );
  const en = page(
    'title: Why\nlesson: "1.1"',
    '## One\n\nWhy a service mesh is needed, in a body long enough to count.\n\n### Two\n<Diagram lang="en" />',
  );

  it('counts headings outside code fences only', () => {
    expect(headingsOf('## A\n```md\n## not a heading\n```\n### B').map((h) => h.text)).toEqual(['A', 'B']);
  });

  it('finds markdown, href and hero links', () => {
    expect(internalLinksOf('[a](/ko/x/) <a href="/en/y/#z">b</a>\n    link: /ko/part-1/')).toEqual([
      '/ko/x/',
      '/en/y/',
      '/ko/part-1/',
    ]);
  });

  it('accepts a matching pair and reports differing headings, components and lesson numbers', () => {
    expect(parityProblems('part-1/why', ko, en)).toEqual([]);
    const fewer = en.replace('### Two\n', '');
    expect(parityProblems('part-1/why', ko, fewer)).toEqual(['part-1/why: 2 headings in ko, 1 in en']);
    expect(parityProblems('p', ko, en.replace('<Diagram lang="en" />', ''))[0]).toMatch(/components differ/);
    expect(parityProblems('p', ko, en.replace('"1.1"', '"1.2"'))).toEqual([
      'p: lesson number "1.1" in ko, "1.2" in en',
    ]);
  });

  it('holds a review’s questions to the same ids and right answers in both languages', () => {
    const review = (right: string, third = '\n  - id: threads\n    accept: ["300"]') =>
      `review:\n  - id: slow\n    choices:\n      - text: a\n        correct: ${right === 'a'}\n      - text: b\n        correct: ${right === 'b'}${third}`;
    const withReview = (text: string, frontmatter: string) =>
      text.replace('lesson: "1.1"', `lesson: "1.1"\n${frontmatter}`);
    expect(parityProblems('p', withReview(ko, review('a')), withReview(en, review('a')))).toEqual([]);
    expect(parityProblems('p', withReview(ko, review('a')), withReview(en, review('b')))).toEqual([
      'p: review questions differ (ko: slow: choice 0/2; threads: short; en: slow: choice 1/2; threads: short)',
    ]);
    expect(parityProblems('p', withReview(ko, review('a')), withReview(en, review('a', '')))[0]).toMatch(
      /review questions differ/,
    );
    expect(parityProblems('p', withReview(ko, review('a')), en)[0]).toMatch(/en: none/);
  });

  it('holds labs, prerequisites, time, difficulty and the number of objectives to the same in both languages', () => {
    const facts = (text: string, frontmatter: string) => text.replace('lesson: "1.1"', `lesson: "1.1"\n${frontmatter}`);
    const both = 'lab: [a, b]\nprerequisites: ["1.1"]\nminutes: 20\ndifficulty: beginner\nobjectives: [x, y, z]';
    expect(parityProblems('p', facts(ko, both), facts(en, both))).toEqual([]);
    expect(parityProblems('p', facts(ko, both), facts(en, both.replace('[a, b]', 'a')))).toEqual([
      'p: labs "a, b" in ko, "a" in en',
    ]);
    expect(parityProblems('p', facts(ko, both), facts(en, both.replace('20', '25')))).toEqual([
      'p: minutes 20 in ko, 25 in en',
    ]);
    expect(parityProblems('p', facts(ko, both), facts(en, both.replace('[x, y, z]', '[x, y]')))).toEqual([
      'p: 3 objectives in ko, 2 in en',
    ]);
  });

  it('flags empty pages, Korean pages without Hangul, placeholders and dead links', () => {
    const exists = (path: string) => path === '/ko/part-1/';
    expect(pageProblems({ locale: 'ko', slug: 's', text: ko }, exists)).toEqual([]);
    expect(pageProblems({ locale: 'en', slug: 's', text: page('title: x', '') }, exists)).toEqual([
      'en/s: the page is empty',
    ]);
    expect(pageProblems({ locale: 'ko', slug: 's', text: en }, exists)).toEqual(['ko/s: a Korean page without Hangul']);
    expect(pageProblems({ locale: 'ko', slug: 's', text: ko + '\n곧 공개됩니다: 준비 중' }, exists)[0]).toMatch(
      /placeholder/,
    );
    expect(pageProblems({ locale: 'ko', slug: 's', text: ko + '\n[다음](/ko/part-9/)' }, exists)).toEqual([
      'ko/s: link to /ko/part-9/ goes nowhere',
    ]);
  });
});

describe('serving', () => {
  it('picks the course language from Accept-Language, Korean when nothing matches', () => {
    expect(preferredLocale('en-US,en;q=0.9,ko;q=0.8')).toBe('en');
    expect(preferredLocale('ko-KR,ko;q=0.9,en;q=0.5')).toBe('ko');
    expect(preferredLocale('fr-FR,de;q=0.5')).toBe('ko');
    expect(preferredLocale(undefined)).toBe('ko');
  });

  it('writes the same headers for static hosts as the server sends', () => {
    const text = headersFile();
    for (const [name, value] of Object.entries(securityHeaders)) expect(text).toContain(`  ${name}: ${value}\n`);
    expect(securityHeaders['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(securityHeaders['Content-Security-Policy']).toMatch(/^default-src 'self'/);
  });

  it('gives static hosts the server’s cache policy: hashed assets for a year, the rest revalidated', () => {
    const text = headersFile();
    expect(text).toContain(`  Cache-Control: ${cacheControlFor('/en/labs/request-routing/')}\n`);
    // Both blocks match a hashed asset: its block detaches the site-wide value instead of joining it.
    expect(text).toContain(
      `/_astro/*\n  ! Cache-Control\n  Cache-Control: ${cacheControlFor('/_astro/page.cNngjUgL.js')}\n`,
    );
    expect(cacheControlFor('/_astro/page.cNngjUgL.js')).toContain('immutable');
  });
});

describe('the lab sandbox Workers’ policies', () => {
  const page = readFileSync(fileURLToPath(new URL('../../public/sandbox/worker-host.html', import.meta.url)), 'utf8');

  it('alone may evaluate code (learner TypeScript), with no network and an opaque origin', () => {
    const policy = headersFor(SANDBOX_HOST_PAGE)['Content-Security-Policy'];
    expect(policy).toContain("script-src 'self' 'unsafe-eval'");
    expect(policy).toContain("connect-src 'none'");
    expect(policy).toContain('sandbox allow-scripts');
    expect(policy).not.toContain('allow-same-origin');
    for (const path of ['/ko/labs/circuit-breaker/', '/_astro/ts.worker-Dv.js', '/_astro/sandbox-worker-a9WPKwJr.js'])
      expect(headersFor(path)['Content-Security-Policy']).not.toContain("'unsafe-eval'");
    expect(headersFile()).toContain(
      `${SANDBOX_HOST_PAGE}\n  ! Content-Security-Policy\n  Content-Security-Policy: ${sandboxHostPolicy}\n`,
    );
  });

  it('carries the policy in a <meta> too, for servers that send one header set for every path', () => {
    expect(page).toContain(`content="${sandboxHostMetaPolicy}"`);
    expect(sandboxHostMetaPolicy).toContain("connect-src 'none'");
    expect(devHeaders['Content-Security-Policy']).toContain("'unsafe-eval'");
    expect(devHeaders['Content-Security-Policy']).toContain("worker-src 'self' blob: data:");
  });

  it('gives the terminal’s plain Worker neither eval nor network', () => {
    const policy = headersFor('/_astro/sandbox-worker-a9WPKwJr.js')['Content-Security-Policy'];
    expect(policy).toBe(sandboxWorkerPolicy);
    expect(policy).toContain("connect-src 'none'");
    expect(policy).not.toContain('eval');
    expect(headersFile()).toContain(
      `/_astro/sandbox-worker-*\n  ! Content-Security-Policy\n  Content-Security-Policy: ${sandboxWorkerPolicy}\n`,
    );
  });

  it('lets the Worker (an opaque origin) read the site’s scripts, and nothing else', () => {
    for (const path of ['/_astro/sandbox-worker-a9WPKwJr.js', '/_astro/labs-bridge-x1.js', '/sandbox/worker-host.js'])
      expect(headersFor(path)['Access-Control-Allow-Origin']).toBe('*');
    for (const path of ['/ko/labs/circuit-breaker/', SANDBOX_HOST_PAGE, '/_headers'])
      expect(headersFor(path)['Access-Control-Allow-Origin']).toBeUndefined();
    expect(headersFile()).toContain('/_astro/*.js\n  Access-Control-Allow-Origin: *\n');
  });
});

describe('content security policy of built pages', () => {
  const html =
    '<html><head><script>a()</script><script src="/x.js"></script><script type="application/ld+json">{}</script><style>p{}</style></head></html>';
  const options = { directives: ["default-src 'self'"], scriptSources: ["'self'"], styleSources: ["'self'"] };

  it('hashes each inline script and style, not external or data scripts', () => {
    const policy = policyForPage(html, options);
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(policy).toBe(
      `default-src 'self'; script-src 'self' ${hash('a()')}; style-src-elem 'self' ${hash('p{}')}; style-src-attr 'unsafe-inline'`,
    );
  });

  it('puts the policy first in <head> and replaces an older one', () => {
    const once = withPolicyMeta(html, 'x');
    expect(once.startsWith('<html><head><meta http-equiv="content-security-policy" content="x">')).toBe(true);
    expect(withPolicyMeta(once, 'y').match(/content-security-policy/g)).toHaveLength(1);
  });
});

describe('repeated assets', () => {
  it('keeps the first of each stylesheet link and module script where it was, and drops the copies', () => {
    const ec = '<link rel="stylesheet" href="/_astro/ec.a.css">';
    const script = '<script type="module" src="/_astro/ec.b.js"></script>';
    const other = '<link rel="stylesheet" href="/_astro/other.css">';
    const html = `<head>${other}</head><body><p>1</p>${ec}${script}<p>2</p>${ec}${script}${other}<p>3</p></body>`;
    expect(withoutRepeatedAssets(html)).toBe(
      `<head>${other}</head><body><p>1</p>${ec}${script}<p>2</p><p>3</p></body>`,
    );
  });

  it('leaves a page without repeats as it was', () => {
    const html = '<link rel="stylesheet" href="/a.css"><script type="module" src="/b.js"></script><p>x</p>';
    expect(withoutRepeatedAssets(html)).toBe(html);
  });
});

describe('costly rules', () => {
  const costly = '.md :is(ol,ul):has(>li>:not(a,code))>li>:last-child{margin-bottom:1.25rem}';

  it('takes a :has(> li > …) rule out of a stylesheet, with the layer and media blocks it was in', () => {
    const css = `@layer base{a{color:red}}@layer content{@media (min-width:50rem){${costly}p{content:"}{;"}}li{margin:0}}`;
    const { css: kept, rules } = splitCostlyRules(css);
    expect(kept).toBe(
      '@layer base{a{color:red}}@layer content{@media (min-width:50rem){p{content:"}{;"}}li{margin:0}}',
    );
    expect(rules).toEqual([`@layer content{@media (min-width:50rem){${costly}}}`]);
  });

  it('leaves a stylesheet without one as it was', () => {
    const css = '/* :has(>li> in a comment */a[title="{"]{color:red}.x:has(>p){margin:0}';
    expect(splitCostlyRules(css)).toEqual({ css, rules: [] });
  });

  it('puts the rules back after the link of their stylesheet, on every page but a lab page', () => {
    const rules = new Map([['/_astro/main.css', ['@layer content{x{y:z}}']]]);
    const link = '<link rel="stylesheet" href="/_astro/main.css">';
    const other = '<link rel="stylesheet" href="/_astro/ec.css">';
    expect(withCostlyRulesBack(`<head>${link}${other}</head><p>lesson</p>`, rules)).toBe(
      `<head>${link}<style>@layer content{x{y:z}}</style>${other}</head><p>lesson</p>`,
    );
    const lab = `<head>${link}</head><div class="workbench" data-workbench></div>`;
    expect(withCostlyRulesBack(lab, rules)).toBe(lab);
  });
});
