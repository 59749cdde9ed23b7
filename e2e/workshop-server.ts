// The workshop server for e2e/workshop.spec.ts, in a process of its own (Node 24 for node:sqlite, tsx for the
// labs' TypeScript): the built course in dist/ and the API over an in-memory SQLite store, on a free port of
// 127.0.0.1. It prints one JSON line, {url, key}, once it listens.
import type { AddressInfo } from 'node:net';
import { loadLabs } from '../src/labs/node/registry';
import { newSecret } from '../src/workshop/server/credentials';
import { openSqliteStore } from '../src/workshop/server/sqlite-store';
import { createWorkshopApi } from '../src/workshop/server/workshop-api';
import { createWorkshopServer } from '../src/workshop/server/workshop-server';

const store = openSqliteStore(':memory:');
await store.migrate();
const key = await store.instructorKey(newSecret);
const labSteps = new Map((await loadLabs()).map((lab) => [lab.meta.id, lab.steps.map((step) => step.id)]));
const server = createWorkshopServer(createWorkshopApi({ store, instructorKey: key, labSteps }), 'dist');
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}`, key }));
});
// The learners' event streams stay open until they are cut: close them, or close() waits for ever.
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
