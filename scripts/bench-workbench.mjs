#!/usr/bin/env node
// Benchmark of the lab workbench (reports figures; never fails): run `npx astro build` first, then
// `node scripts/bench-workbench.mjs [runs] [--ready]` (`--ready`: only the ready times, for quick iteration). Serves dist/ on loopback, drives Debian's Chromium and prints
//   - navigation → `lab-ready` (editor and shell prompt usable) on the sandbox runtime, cold and warm cache, next to
//     navigation → `load` of a plain course page (a lesson) loaded in the same rounds, and the median of the
//     rounds' ratios;
//   - a full check run (click Check → report shown);
//   - the JS a lab page loads before first paint (its module scripts and their static imports, gzipped);
//   - the bytes a lab page load transfers, cold and on the next visit (scripts/bench-transfer.mjs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { createCourseServer } from './serve.mjs';
import { transferFigures, transferMeter } from './bench-transfer.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5);
const readyOnly = process.argv.includes('--ready');
const LABS = ['request-routing', 'circuit-breaker'];
/** Milestones on the way to `lab-ready`, in order (src/components/workbench/main.ts, the sandbox Worker). */
const STAGES = [
  'lab-worker-started',
  'lab-script-start',
  'lab-sandbox-evaluated',
  'lab-sandbox-boot',
  'lab-sandbox-started',
  'lab-sandbox-prepared',
  'lab-sandbox-cluster',
  'lab-sandbox-shell',
  'lab-editor-ready',
  'lab-prompt-ready',
];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** The plain course page a lab page is measured against: a lesson, with its code blocks and diagrams. */
const PLAIN_PAGE = '/en/part-1/circuit-breaker/';

/**
 * Navigation → `ready` on `url` in a fresh context: cold (empty cache), then warm (the same cache, from a fresh
 * page). Returns both times and the warm load's performance marks.
 */
async function timeNavigation(browser, url, ready) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const cold = await ready(page);
  // Warm: same cache, but a fresh page (the previous page is gone, not still busy).
  await page.goto('about:blank');
  await page.goto(url);
  const warm = await ready(page);
  const marks = await page.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
  );
  await context.close();
  return { cold, warm, marks };
}

/**
 * `runs` rounds, each loading every page in `pages` once (cold, then warm), in an order that turns each round:
 * a lab page's time and the plain page's are taken side by side, so a machine that slows down or speeds up over
 * the run weighs on both (all plain loads first, then all lab loads, once put 15 % between two runs' ratios).
 * Returns each page's samples, round by round.
 */
async function timeRounds(browser, pages, runs) {
  const samples = pages.map(() => ({ cold: [], warm: [], marks: [] }));
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < pages.length; k++) {
      const index = (round + k) % pages.length;
      const { url, ready } = pages[index];
      const { cold, warm, marks } = await timeNavigation(browser, url, ready);
      samples[index].cold.push(cold);
      samples[index].warm.push(warm);
      samples[index].marks.push(marks);
    }
  }
  return samples;
}

/** When the lab page's editor and prompt were ready, from navigation start. */
async function labReady(page) {
  await page.waitForFunction(() => performance.getEntriesByName('lab-ready').length > 0, null, { timeout: 60_000 });
  return page.evaluate(() => performance.getEntriesByName('lab-ready')[0].startTime);
}

/** When a plain page's load event ended, from navigation start. */
async function pageLoaded(page) {
  await page.waitForFunction(() => performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0);
  return page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
}

/** Module scripts of the page and everything they import statically (dynamic import() loads later). */
export function jsBeforeFirstPaint(htmlPath) {
  const html = readFileSync(htmlPath, 'utf8');
  const queue = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]);
  const seen = new Set();
  let raw = 0;
  let gzip = 0;
  while (queue.length > 0) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const text = readFileSync(join(dist, url));
    raw += text.length;
    gzip += gzipSync(text).length;
    const source = text.toString('utf8');
    // Static imports only: `import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`.
    for (const m of source.matchAll(
      /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+|\/[^"']+)["']/g,
    )) {
      queue.push(new URL(m[1], `http://x${url}`).pathname);
    }
  }
  return { files: seen.size, raw, gzip };
}

async function main() {
  const server = createCourseServer(dist).listen(0, 'localhost');
  const meter = transferMeter(server, dist);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://localhost:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  const figures = [];
  const figure = (name, value, unit, goal) => figures.push({ name, value, unit, goal });
  try {
    const [plain, ...labs] = await timeRounds(
      browser,
      [
        { url: `${base}${PLAIN_PAGE}`, ready: pageLoaded },
        ...LABS.map((lab) => ({ url: `${base}/en/labs/${lab}/?runtime=sandbox`, ready: labReady })),
      ],
      runs,
    );
    figure(`plain course page ${PLAIN_PAGE}: navigation → load (cold cache, median)`, median(plain.cold), 'ms', '—');
    figure(`plain course page ${PLAIN_PAGE}: navigation → load (warm cache, median)`, median(plain.warm), 'ms', '—');
    LABS.forEach((lab, index) => {
      const { cold, warm, marks } = labs[index];
      // Where the warm time goes: the page's and the sandbox Worker's milestones (median of each).
      for (const stage of STAGES) {
        const values = marks.map((m) => m[stage]).filter((v) => v !== undefined);
        if (values.length > 0) figure(`${lab}: warm, ${stage} at (median)`, median(values), 'ms', 'breakdown');
      }
      for (const [cache, sample, base] of [
        ['cold', cold, plain.cold],
        ['warm', warm, plain.warm],
      ]) {
        figure(
          `${lab}: navigation → editor and prompt ready (${cache} cache, median)`,
          median(sample),
          'ms',
          '≤ 1500 ms',
        );
        // The ratio of each round's pair, then their median.
        figure(
          `${lab}: ${cache} ready ÷ plain course page's ${cache} load (median of rounds)`,
          median(sample.map((time, round) => time / base[round])),
          '×',
          '≤ 3×',
        );
      }
    });

    if (readyOnly) return;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/en/labs/request-routing/?runtime=sandbox`);
    await page.waitForFunction(() => performance.getEntriesByName('lab-ready').length > 0, null, { timeout: 60_000 });
    /** Click → report, for one of the toolbar's check buttons (median of `runs`). */
    const timeCheck = async (name) => {
      const times = [];
      for (let i = 0; i < runs; i++) {
        await page.waitForTimeout(300);
        const started = Date.now();
        await page.getByRole('button', { name, exact: true }).click();
        await page.waitForFunction(() => {
          const section = document.querySelector('[data-checks-summary]')?.closest('section');
          return section && !section.hasAttribute('aria-busy');
        });
        times.push(Date.now() - started);
      }
      return median(times);
    };
    figure(
      'request-routing: Check this step (a terminal step), click → report (median)',
      await timeCheck('Check this step'),
      'ms',
      '≤ 1000 ms',
    );
    figure(
      'request-routing: Check all (5 steps), click → report (median)',
      await timeCheck('Check all'),
      'ms',
      '≤ 1000 ms',
    );
    await context.close();

    for (const lab of LABS) {
      const url = `${base}/en/labs/${lab}/?runtime=sandbox`;
      for (const [name, value, unit, goal] of await transferFigures(browser, meter, url, lab))
        figure(name, value, unit, goal);
    }

    for (const lab of LABS) {
      const js = jsBeforeFirstPaint(join(dist, 'en', 'labs', lab, 'index.html'));
      figure(`${lab}: JS before first paint (${js.files} files, gzipped)`, js.gzip / 1024, 'KB', '≤ 250 KB');
    }
  } finally {
    await browser.close();
    server.close();
    report(figures);
  }
}

function report(figures) {
  console.log('\nscripts/bench-workbench.mjs');
  for (const f of figures) {
    const value = f.value >= 100 ? Math.round(f.value).toLocaleString('en') : f.value.toPrecision(3);
    console.log(`  ${f.name.padEnd(72)} ${value.padStart(8)} ${f.unit}   (goal: ${f.goal})`);
  }
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) await main();
