/// <reference lib="webworker" />
// The sandbox runtime's Worker: the mesh on SimNet with the real clock (virtual while it boots), the just-bash shell with our commands,
// and the grader. A page starts two of these: one long-lived for the terminal, one per check run that it
// terminates if a check runs away, so learner code never blocks the page or the learner's cluster.
// The grader (the labs, zod, sucrase) is a chunk of its own, loaded by the check Worker only: the terminal's
// Worker parses less before the prompt can show.
import { BootClock, createCluster, loadKubeSchemas, SAMPLE_FILES, type SimCluster } from '../../mesh';
import { createShell, ISTIO_DIR, type Shell } from '../../mesh/cli/index';
import { fileWriteCommands } from '../../mesh/cli/shell/file-writes';
import type { Envelope, Replies, Request, WorkerMessage } from './protocol';
import { TopologyReader } from './topology';

declare const self: DedicatedWorkerGlobalScope;

/** When things happened in this Worker, as absolute times (the page turns them into performance marks). */
const since = () => performance.timeOrigin + performance.now();
const timings: Record<string, number> = { 'sandbox-evaluated': since() };

let cluster: SimCluster | undefined;
let shell: Shell | undefined;
/** The API server's schemas (2 MB of code), loaded once the prompt is up; learner commands wait for them. */
let schemas: Promise<void> | undefined;
let topologyTimer: ReturnType<typeof setInterval> | undefined;

const post = (message: WorkerMessage) => self.postMessage(message);

self.addEventListener('message', (event: MessageEvent<Envelope>) => {
  const envelope = event.data;
  if ('cancel' in envelope) return shell?.cancel();
  handle(envelope.request).then(
    (value) => post({ id: envelope.id, ok: true, value }),
    (error: unknown) =>
      post({ id: envelope.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});

async function handle(request: Request): Promise<Replies[Request['type']]> {
  switch (request.type) {
    case 'boot':
      return boot(request);
    case 'run': {
      await schemas;
      const result = await requireShell().run(request.line);
      return { output: result.stdout + result.stderr, cwd: requireShell().cwd };
    }
    case 'complete':
      return requireShell().complete(request.prefix);
    case 'write':
      await writeFiles({ [request.path]: request.content });
      return null;
    case 'mount':
      await writeFiles(request.files);
      return null;
    case 'warm':
      await loadGrader();
      return null;
    case 'check':
      return (await loadGrader()).gradeLab(request);
    case 'live': {
      if (!cluster) throw new Error('the sandbox has not booted');
      return (await loadGrader()).useLearnerCode(request, cluster) ?? null;
    }
  }
}

async function boot(request: Extract<Request, { type: 'boot' }>): Promise<Replies['boot']> {
  const { shell: options } = request.payload;
  timings['sandbox-boot'] = since();
  // Install, the lab's workloads and its setup commands run on virtual time; the learner gets real time.
  const clock = new BootClock();
  // Our own manifests (install, the lab's workloads and setup) go in before the schemas are loaded.
  cluster = await createCluster({ seed: options.seed, clock, preset: options.preset, schemas: 'later' });
  timings['sandbox-cluster'] = since();
  // Istio's samples where Istio's docs expect them; the lab's files in the lab folder, where the shell starts.
  const samples = Object.fromEntries(
    Object.entries(SAMPLE_FILES).map(([path, text]) => [`${ISTIO_DIR}/${path}`, text]),
  );
  shell = await createShell(cluster, { cwd: options.cwd, files: { ...samples, ...request.files } });
  if (options.setup.length > 0) {
    await shell.run(`cd ${ISTIO_DIR}`);
    for (const line of options.setup) await shell.run(line);
    await shell.run(`cd ${options.cwd}`);
  }
  clock.goLive();
  // After this reply is posted: the prompt shows first.
  schemas = new Promise((resolve) => setTimeout(resolve, 0)).then(loadKubeSchemas);
  cluster.onUiEvent((ui) => post({ event: 'ui', ui }));
  const current = cluster;
  const topology = new TopologyReader(current);
  const postTopology = () => post({ event: 'topology', topology: topology.read(performance.now()) });
  topologyTimer = setInterval(postTopology, 1000);
  postTopology();
  timings['sandbox-shell'] = since();
  return { cwd: shell.cwd, banner: '', timings };
}

const loadGrader = () => import('../labs-bridge');

function requireShell(): Shell {
  if (!shell) throw new Error('the sandbox has not booted');
  return shell;
}

async function writeFiles(files: Record<string, string>): Promise<void> {
  const target = requireShell();
  for (const command of fileWriteCommands(files)) await target.run(command);
}

self.addEventListener('close', () => {
  clearInterval(topologyTimer);
  cluster?.dispose();
});
