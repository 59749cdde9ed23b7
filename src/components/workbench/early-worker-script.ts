// Starts the terminal's sandbox Worker from the lab page's <head>, before the parser reaches the stylesheets and
// the body, so its 2 MB script downloads and compiles while the page is parsed and styled instead of after it, and
// hands it the lab's start (protocol.ts, Prepare), so it boots the cluster while the page's own script is still
// loading and reading the learner's saved workspace; main.ts adopts it (plainTerminalWorker). It is a plain Worker of the site: the terminal runs none of the learner's
// code until a check run's code goes live, which happens in an isolated Worker (src/runtime/sandbox/worker-frame.ts
// says why). The build writes the Worker's hashed URL over the placeholder (scripts/site/early-worker.mjs); where it
// is still the placeholder (`astro dev`), or the learner asked for another runtime, main.ts decides on its own.
import { RUNTIMES } from '../../runtime/runtimes';
import { PREPARE_NAME_PREFIX, type Prepare } from '../../runtime/sandbox/protocol';
import type { LabPayload } from '../../runtime/types';

/** The placeholder scripts/site/early-worker.mjs replaces with the built Worker's URL. */
const WORKER_URL_PLACEHOLDER = '__MESHDOJO_SANDBOX_WORKER_URL__';

/** The inline script, as a Starlight `head` entry of the lab page. */
export function earlyWorkerHeadEntry(payload: LabPayload): { tag: 'script'; content: string } {
  const others = JSON.stringify(RUNTIMES.alternatives.map((runtime) => runtime.kind));
  const start: Prepare = {
    id: payload.id,
    locale: payload.locale,
    shell: payload.shell,
    files: Object.fromEntries(payload.files.map((file) => [file.path, file.content])),
  };
  // The Worker's name carries the lab's start (protocol.ts says why). A JSON string is a JavaScript literal;
  // `<` escaped so that no `</script>` in a file ends the script.
  const name = JSON.stringify(PREPARE_NAME_PREFIX + JSON.stringify(start)).replaceAll('<', '\\u003c');
  const content = `(() => {
  const url = '${WORKER_URL_PLACEHOLDER}';
  if (url.charAt(0) !== '/') return;
  let choice = new URLSearchParams(location.search).get('runtime');
  try {
    choice = choice || localStorage.getItem('meshdojo.runtime');
  } catch {
    // Storage can be disabled; the default (the sandbox) applies.
  }
  if (${others}.includes(choice)) return;
  const worker = new Worker(url, { type: 'module', name: ${name} });
  window.meshdojoSandboxWorker = worker;
  performance.mark('lab-worker-started');
})();`;
  return { tag: 'script', content };
}
