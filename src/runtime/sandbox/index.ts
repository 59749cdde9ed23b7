import type { FallbackRuntime } from '../descriptor';
import { bootSandbox } from './sandbox-runtime';
import { discardEarlySandboxWorker } from './worker-client';

/**
 * The mesh and the shell in a Web Worker of this site: it runs on any page, so it is what `auto` and every
 * failed boot fall back to. Its code comes with the page's first script (most labs run here), and its Worker
 * is started while the page parses (components/workbench/early-worker-script.ts); a page that boots another runtime drops it.
 */
export const sandbox: FallbackRuntime = {
  kind: 'sandbox',
  name: { ko: '샌드박스(Web Worker)', en: 'Sandbox (Web Worker)' },
  boot: bootSandbox,
  discardEarlyStart: discardEarlySandboxWorker,
};
