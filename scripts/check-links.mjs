#!/usr/bin/env node
// Every same-site link and asset in the built course resolves: pages, files and #fragments. Runs on dist/
// after the build, so the sidebar, language switch and component-made links are checked as served.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, dirname, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, walkSync, ELEMENT_NODE } from 'ultrahtml';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const LINK_ATTRIBUTES = { a: 'href', link: 'href', script: 'src', img: 'src', source: 'src' };

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'pagefind' ? [] : htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

/** The file that serves a site path, or undefined. */
function fileFor(sitePath) {
  const clean = decodeURIComponent(sitePath.split(/[?#]/)[0]);
  const candidates = clean.endsWith('/')
    ? [join(dist, clean, 'index.html')]
    : [join(dist, clean), join(dist, clean, 'index.html')];
  return candidates.find((file) => existsSync(file) && statSync(file).isFile());
}

const idsCache = new Map();
function idsOf(file) {
  if (!idsCache.has(file)) {
    const ids = new Set();
    walkSync(parse(readFileSync(file, 'utf8')), (node) => {
      if (node.type === ELEMENT_NODE && node.attributes.id) ids.add(node.attributes.id);
    });
    idsCache.set(file, ids);
  }
  return idsCache.get(file);
}

const problems = [];
let links = 0;
const pages = htmlFiles(dist);
for (const page of pages) {
  const pagePath = '/' + relative(dist, page).split('\\').join('/');
  walkSync(parse(readFileSync(page, 'utf8')), (node) => {
    if (node.type !== ELEMENT_NODE) return;
    const value = node.attributes[LINK_ATTRIBUTES[node.name]];
    if (!value || /^(https?:|mailto:|data:|blob:|javascript:)/.test(value)) {
      if (value && /^https?:/.test(value) && !value.startsWith('http://localhost')) {
        if (node.name !== 'a') problems.push(`${pagePath}: loads ${value} from another host`);
      }
      return;
    }
    links++;
    const [path, fragment] = value.split('#');
    const target = path === '' ? page : fileFor(path.startsWith('/') ? path : posix.join(dirname(pagePath), path));
    if (!target) return problems.push(`${pagePath}: ${node.name} → ${value} does not exist`);
    if (fragment && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(fragment))) {
      problems.push(`${pagePath}: ${value} has no element with id "${fragment}"`);
    }
  });
}
for (const problem of problems) console.error(`✗ ${problem}`);
console.log(`links: ${links} links in ${pages.length} pages checked, ${problems.length} broken`);
process.exit(problems.length === 0 ? 0 : 1);
