/// <reference lib="webworker" />
// The sandbox runtime's Worker: the mesh on SimNet with the real clock (virtual while it boots), the just-bash shell with our commands,
// and the grader. A page starts two kinds of these (worker-frame.ts): the terminal's, long-lived, and one per
// check run that it ends after the run (or when a check runs away), so learner code never blocks the page or the
// learner's cluster. Every Worker learner code runs in (a check run's; the terminal's once code goes live) starts
// in a sandboxed frame of its own, so its origin is opaque: no storage, no network. Such a Worker talks to the
// page over the MessagePort its frame hands it, and only over that port; a plain terminal Worker over its own
// global.
// The grader (the labs, zod, sucrase) is a chunk of its own (labs-bridge), loaded by the check Worker and by the
// terminal's only when graded code goes live: the lab session imports the mesh only, so the terminal's Worker
// parses less before the prompt can show.
import { createLabSession, resumeLabSession, startLabSession } from '../../labs/lab-session';
import { BootClock, loadKubeSchemas } from '../../mesh';
import type { MeshSession } from '../../mesh/cli/index';
import { listRequests, trafficMark, viewRequest } from '../request-views';
import {
  prepareFromName,
  type Envelope,
  type Prepare,
  type Replies,
  type Request,
  type WorkerMessage,
} from './protocol';
import { OutputBatch } from './output-batch';
import { PageEditor } from './page-editor';
import { MetricsReader } from './metrics-reader';
import { TopologyReader } from './topology';
import { installWebCryptoFallback } from './webcrypto';

declare const self: DedicatedWorkerGlobalScope;

// A page on plain http (a workshop on a LAN) has no WebCrypto, which the mesh's CA and openssl need.
installWebCryptoFallback();

/** When things happened in this Worker, as absolute times (the page turns them into performance marks). */
const since = () => performance.timeOrigin + performance.now();
const timings: Record<string, number> = { 'sandbox-evaluated': since() };

let session: MeshSession | undefined;
/** The API server's schemas (2 MB of code): learner commands wait for them (`schemasNeeded`). */
let schemas: Promise<void> | undefined;
/**
 * A cluster booted without its schemas loads them a moment after the prompt is up, not at once: compiling them
 * takes the Worker ~50 ms while the page is still mounting the editor and the terminal, on a machine with two
 * cores (npm run bench). A command typed before then loads them itself.
 */
const SCHEMAS_AFTER_PROMPT_MS = 1000;
const schemasNeeded = () => (schemas ??= loadKubeSchemas());
let topologyTimer: ReturnType<typeof setInterval> | undefined;
/** The Metrics tab's scrapes of the terminal's cluster, taken on the mesh graph's tick. */
let metrics: MetricsReader | undefined;
/** A spare check Worker's rehearsal on the lab's solution (labs-bridge), which its check run waits for. */
let rehearsal: Promise<void> | undefined;

/**
 * The page's port: in an isolated Worker, the one its frame's bootstrap (public/sandbox/worker-host.js) left here,
 * taken before any learner code can run (learner code has no way to it); in a plain Worker, its own global.
 */
const fromFrame = (self as unknown as Record<string, Promise<MessagePort> | undefined>)['meshdojoConnection'];
delete (self as unknown as Record<string, unknown>)['meshdojoConnection'];
const port: Pick<MessagePort, 'postMessage' | 'addEventListener'> = fromFrame ? await fromFrame : self;
// Bound now: learner code that replaces MessagePort.prototype.postMessage later sees none of our replies.
const post: (message: WorkerMessage) => void = port.postMessage.bind(port);

/** `kubectl edit` opens its file in the page's editor tab (page-editor.ts). */
const editor = new PageEditor((edit) => post({ event: 'edit', edit }));

/**
 * The shell's requests in the order they came: a file the editor saved before a line was typed is in place when
 * the line runs. Checks and the rest go past.
 */
let shellQueue: Promise<unknown> = Promise.resolve();
const inOrder = (request: Request): Promise<Replies[Request['type']]> => {
  if (request.type !== 'run' && request.type !== 'write' && request.type !== 'complete') return handle(request);
  const next = shellQueue.then(
    () => handle(request),
    () => handle(request),
  );
  shellQueue = next.catch(() => undefined);
  return next;
};

port.addEventListener('message', (event: MessageEvent<Envelope>) => {
  const envelope = event.data;
  if ('cancel' in envelope) return session?.shell.cancel();
  inOrder(envelope.request).then(
    (value) => post({ id: envelope.id, ok: true, value }),
    (error: unknown) =>
      post({ id: envelope.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
if (port instanceof MessagePort) port.start();

async function handle(request: Request): Promise<Replies[Request['type']]> {
  switch (request.type) {
    case 'boot':
      return boot(request);
    case 'run': {
      await schemasNeeded();
      const current = requireSession();
      const printed = new OutputBatch((text) => post({ event: 'output', text }));
      const result = await current.run(request.line, { onOutput: (text) => printed.add(text), editor });
      // What was printed along the way reaches the page before the reply that ends the line.
      printed.flush();
      return { output: result.stdout + result.stderr, cwd: current.shell.cwd };
    }
    case 'complete':
      return requireSession().shell.complete(request.prefix);
    case 'write':
      await requireSession().writeFiles(request.files);
      return null;
    case 'warm':
      // A rehearsal that fails tells us nothing the learner's run will not say better.
      rehearsal = (await loadGrader()).rehearse(request.labId).catch(() => undefined);
      return null;
    case 'settle':
      await rehearsal;
      return null;
    case 'check':
      return (await loadGrader()).gradeLab(request);
    case 'live':
      return (await loadGrader()).useLearnerCode(request, requireSession().cluster);
    case 'ping':
      return null;
    case 'visit':
      return requireSession().visit(request.navigation);
    case 'requests':
      return listRequests(requireSession().cluster.requests);
    case 'request':
      return viewRequest(requireSession().cluster.requests, request.id, request.locale);
    case 'metrics':
      return requireMetrics().query(request.query);
    case 'metric-catalog':
      return requireMetrics().catalog();
    case 'edited':
      editor.answer(request.id, request.text);
      return null;
  }
}

/** The session the early script's Prepare started (what it was started from, as a key), until `boot` takes it. */
let prepared: { key: string; clock: BootClock; session: Promise<MeshSession> } | undefined;
const prepareKey = (start: Prepare) => JSON.stringify([start.id, start.locale, start.shell, start.files]);

function prepare(start: Prepare): void {
  if (prepared !== undefined || session !== undefined) return;
  timings['sandbox-boot'] = since();
  // Install, the lab's workloads and its setup run on virtual time; the learner gets real time. Our own manifests
  // go in before the API server's schemas are loaded (a journal's replay loads them first).
  const clock = new BootClock();
  const started = startLabSession(start.shell, {
    seed: start.shell.seed,
    clock,
    locale: start.locale,
    schemas: 'later',
    files: start.files,
  });
  // A failed start is the boot's to report; until then nobody waits on it.
  started.then(() => (timings['sandbox-started'] = since())).catch(() => undefined);
  prepared = { key: prepareKey(start), clock, session: started };
}

/** The prepared session when it was started from this boot's payload and files; else none (it is dropped). */
async function takePrepared(request: Extract<Request, { type: 'boot' }>) {
  const { id, locale, shell } = request.payload;
  const taken = prepared;
  prepared = undefined;
  if (taken === undefined) return undefined;
  if (taken.key === prepareKey({ id, locale, shell, files: { ...request.workspace.files } })) {
    timings['sandbox-prepared'] = since();
    return taken;
  }
  void taken.session.then((unused) => unused.dispose()).catch(() => undefined);
  return undefined;
}

async function boot(request: Extract<Request, { type: 'boot' }>): Promise<Replies['boot']> {
  const { shell: lab } = request.payload;
  const { files, journal } = request.workspace;
  const early = await takePrepared(request);
  timings['sandbox-boot'] ??= since();
  // What the learner did before a reload replays on virtual time too; the learner gets real time.
  const clock = early?.clock ?? new BootClock();
  // Our own manifests (install, the lab's workloads and setup) go in before the schemas are loaded — unless the
  // learner's own commands replay too: kubectl must judge those as it did the first time (the replay loads them).
  const schemasLater = journal.length === 0;
  session = early
    ? await resumeLabSession(await early.session, { files, journal })
    : await createLabSession(lab, {
        seed: lab.seed,
        clock,
        locale: request.payload.locale,
        schemas: schemasLater ? 'later' : 'now',
        files,
        journal,
      });
  session.onJournal((entry) => post({ event: 'journal', entry }));
  const { cluster, shell } = session;
  timings['sandbox-cluster'] = since();
  clock.goLive();
  if (schemasLater) setTimeout(schemasNeeded, SCHEMAS_AFTER_PROMPT_MS);
  else schemas = Promise.resolve();
  cluster.onUiEvent((ui) => post({ event: 'ui', ui }));
  const topology = new TopologyReader(cluster);
  metrics = new MetricsReader(cluster);
  const reader = metrics;
  let traffic = trafficMark(cluster.requests);
  const postTopology = () => {
    const now = performance.now();
    const scraped = new Map(reader.scrape(now).map(({ namespace, pod, text }) => [`${namespace}/${pod}`, text]));
    post({ event: 'topology', topology: topology.read(now, scraped) });
    const mark = trafficMark(cluster.requests);
    if (mark !== traffic) post({ event: 'traffic' });
    traffic = mark;
  };
  // The first reading, too, goes out a period after this reply, not at once: scraping every proxy costs a Worker
  // that has just started ~100 ms, taken from the page while it mounts the editor and the terminal on a machine
  // with two cores (npm run bench), and the mesh graph is not what a lab shows first.
  topologyTimer = setInterval(postTopology, 1000);
  timings['sandbox-shell'] = since();
  return { cwd: shell.cwd, banner: '', timings };
}

function requireMetrics(): MetricsReader {
  if (!metrics) throw new Error('the sandbox has not booted');
  return metrics;
}

const loadGrader = () => import('../labs-bridge');

function requireSession(): MeshSession {
  if (!session) throw new Error('the sandbox has not booted');
  return session;
}

self.addEventListener('close', () => {
  clearInterval(topologyTimer);
  session?.dispose();
});

// The lab page's early script named this Worker with the lab's start: boot it now, before any message arrives.
const early = prepareFromName(self.name);
if (early !== undefined) prepare(early);
