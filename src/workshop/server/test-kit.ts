/**
 * For tests of the workshop server (and the benchmark): a real server listening on 127.0.0.1:0 over an in-memory
 * SQLite store with a clock the test moves, and a client that keeps its cookies the way one browser would.
 */
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckRun } from '../protocol';
import { newSecret } from './credentials';
import type { LabSteps } from './results-csv';
import { openSqliteStore } from './sqlite-store';
import type { WorkshopStore } from './store';
import { createWorkshopApi, type RateLimits } from './workshop-api';
import { createWorkshopServer } from './workshop-server';

export const TEST_LABS: LabSteps = new Map([
  ['request-routing', ['name-subsets', 'all-to-v1', 'jason-to-v2']],
  ['fault-injection', ['delay', 'abort']],
]);

export interface TestServer {
  readonly url: string;
  readonly key: string;
  readonly store: WorkshopStore;
  /** The server's clock: tests move it instead of waiting. */
  readonly clock: { now: number };
  stop(): Promise<void>;
}

export async function startTestServer(
  options: { store?: WorkshopStore; rateLimits?: RateLimits | false } = {},
): Promise<TestServer> {
  const clock = { now: Date.UTC(2026, 11, 7, 9, 0, 0) };
  const store = options.store ?? openSqliteStore(':memory:', { now: () => clock.now });
  await store.migrate();
  const key = await store.instructorKey(newSecret);
  const api = createWorkshopApi({
    store,
    instructorKey: key,
    labSteps: TEST_LABS,
    clock: () => clock.now,
    rateLimits: options.rateLimits ?? false,
  });
  const server = createWorkshopServer(api, mkdtempSync(join(tmpdir(), 'meshdojo-dist-')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    key,
    store,
    clock,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}

/** A browser's worth of fetch: it sends back the cookies the server set. */
export function browser(base: string) {
  const jar = new Map<string, string>();
  async function request(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    const { json, ...rest } = init;
    const response = await fetch(`${base}${path}`, {
      ...rest,
      headers,
      ...(json === undefined ? {} : { method: rest.method ?? 'POST', body: JSON.stringify(json) }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  }
  return { request, cookies: jar };
}

let runNumber = 0;
/** A check run as a learner's browser reports it. */
export function checkRun(lab: string, step: string, status: 'pass' | 'fail', at: number): CheckRun {
  runNumber++;
  const id = `00000000-0000-4000-8000-${String(runNumber).padStart(12, '0')}`;
  return { id, lab, at, results: [{ step, check: `${step}-check`, status }] };
}
