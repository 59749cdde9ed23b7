#!/usr/bin/env node
// `npm start`: build the course when dist/ is missing or older than the sources, then serve it.
import { fileURLToPath } from 'node:url';
import { buildSite, staleBuildReason } from './site/stale-build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const reason = staleBuildReason(root);
if (reason !== undefined) {
  console.log(reason === 'older' ? 'Sources changed since the last build; rebuilding…' : 'Building the course…');
  if (!buildSite(root)) process.exit(1);
}
const { serveCourse } = await import('./serve.mjs');
serveCourse();
