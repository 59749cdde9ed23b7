/**
 * `meshdojo workshop`: builds the course if needed, opens the store (a SQLite file, or PostgreSQL), and serves the
 * course and the workshop API from one process until Ctrl-C, which closes the store cleanly. Everything it serves
 * is on this machine, so a room without internet works.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKSHOP_LOCALES, type WorkshopLocale } from '../protocol';
import { loadLabs } from '../../labs/node/registry';
import { newSecret } from './credentials';
import { buildSite, staleBuildReason } from '../../../scripts/site/stale-build.mjs';
import { openSqliteStore } from './sqlite-store';
import { startMessage } from './start-message';
import type { WorkshopStore } from './store';
import { createWorkshopApi } from './workshop-api';
import { createWorkshopServer } from './workshop-server';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface WorkshopFlags {
  readonly port: number;
  readonly host: string;
  readonly data: string;
  readonly database?: string;
  readonly lang: WorkshopLocale;
}

export class UsageError extends Error {}

/** Reads the flags; `env` decides the default language (Korean when LANG starts with ko). */
export function parseWorkshopFlags(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): WorkshopFlags {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, eq < 0 ? undefined : eq) : undefined;
    if (name === undefined || !['port', 'host', 'data', 'database', 'lang'].includes(name))
      throw new UsageError(`unknown flag: ${arg}`);
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new UsageError(`flag needs an argument: --${name}`);
    values[name] = value;
  }
  const port = Number(values['port'] ?? 4321);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`invalid --port "${values['port']}"`);
  if (values['data'] !== undefined && values['database'] !== undefined)
    throw new UsageError('give --data (a SQLite file) or --database (PostgreSQL), not both');
  const database = values['database'];
  if (database !== undefined && !/^postgres(ql)?:\/\//.test(database))
    throw new UsageError('--database wants a postgres:// URL');
  const lang = values['lang'] ?? (env['LANG']?.startsWith('ko') ? 'ko' : 'en');
  if (!(WORKSHOP_LOCALES as readonly string[]).includes(lang))
    throw new UsageError(`invalid --lang "${lang}": want ko or en`);
  return {
    port,
    host: values['host'] ?? '0.0.0.0',
    data: values['data'] ?? './workshop.db',
    ...(database === undefined ? {} : { database }),
    lang: lang as WorkshopLocale,
  };
}

/** PostgreSQL's store is loaded only when asked for, so SQLite users never load `pg`. */
async function openStore(flags: WorkshopFlags): Promise<{ store: WorkshopStore; label: string }> {
  if (flags.database === undefined) return { store: openSqliteStore(resolve(flags.data)), label: resolve(flags.data) };
  const label = flags.database.replace(/\/\/[^@/]*@/, '//');
  const module = new URL('./postgres-store.ts', import.meta.url).href;
  let openPostgresStore: (url: string) => WorkshopStore | Promise<WorkshopStore>;
  try {
    ({ openPostgresStore } = (await import(/* @vite-ignore */ module)) as {
      openPostgresStore: typeof openPostgresStore;
    });
  } catch (error) {
    const missing = (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND';
    if (!missing || !String((error as Error).message).includes('postgres-store')) throw error;
    throw new UsageError('PostgreSQL is not supported by this version of meshdojo yet: use --data (SQLite)');
  }
  return { store: await openPostgresStore(flags.database), label };
}

/** Runs the workshop server; resolves once it listens (the process then lives until a signal). */
export async function runWorkshopCli(argv: readonly string[], root: string = ROOT): Promise<number> {
  const flags = parseWorkshopFlags(argv);
  // The store first: a wrong --database fails now, not after a build of several minutes.
  const { store, label } = await openStore(flags);
  const distDir = join(root, 'dist');
  const reason = staleBuildReason(root, distDir);
  if (reason !== undefined) {
    console.log(
      reason === 'missing'
        ? 'meshdojo: the course is not built yet; building it first (astro build)…'
        : 'meshdojo: the sources are newer than the built course; building it again (astro build)…',
    );
    if (!buildSite(root)) {
      console.error('meshdojo: the build failed; see above');
      await store.close();
      return 1;
    }
  }
  await store.migrate();
  const key = await store.instructorKey(newSecret);
  const labs = await loadLabs();
  const labSteps = new Map(labs.map((lab) => [lab.meta.id, lab.steps.map((step) => step.id)]));
  const api = createWorkshopApi({ store, instructorKey: key, labSteps });
  const server = createWorkshopServer(api, distDir);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    void store.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  await new Promise<void>((resolveListening, reject) => {
    server.once('error', reject);
    server.listen(flags.port, flags.host, resolveListening);
  });
  const port = (server.address() as { port: number }).port;
  console.log(await startMessage({ host: flags.host, port, lang: flags.lang, key, storeLabel: label }));
  return 0;
}
