// The frame a lab page starts each sandbox Worker from (src/runtime/sandbox/worker-frame.ts). The page loads it
// sandboxed without allow-same-origin, so its origin is opaque, and so is the Worker's: learner code there
// reaches none of the course's storage, and this page's policy, which the Worker takes with it, gives it no
// network. An opaque origin can start a Worker only from a URL of its own making: a `data:` URL (a blob: one
// would do too, but Chromium does not count a blob Worker of an opaque origin as a secure context, and the
// mesh's CA needs WebCrypto, which only a secure context has). It is a classic script that imports the
// sandbox's module from the site, which serves it with Access-Control-Allow-Origin: * (a module Worker of an
// opaque origin does not start in Chromium).
//
// The page and the Worker talk over a MessagePort the page hands over here. The Worker has nothing to tell this
// frame, so anything it posts here ends it: learner code flooding `self.postMessage` would otherwise hold up the
// page's thread, which this frame shares. This file is plain JavaScript: it is served as it is, from public/.

/** The global the Worker's module takes the page's port from, before any learner code can run there. */
const CONNECTION = 'meshdojoConnection';

const script = new URL(decodeURIComponent(location.hash.slice(1)), location.href);
const bootstrap = `self.${CONNECTION} = new Promise((resolve) =>
  addEventListener('message', (event) => resolve(event.ports[0]), { once: true }));
import(${JSON.stringify(script.href)}).catch((error) => setTimeout(() => { throw error; }));`;

/** @typedef {{ type: 'error', message: string } | { type: 'refused', detail: string }} Report */
/** @type {MessagePort | undefined} where this frame reports to the page, once it connected */
let host;
/** @type {Report[]} reports from before the page connected */
const early = [];
/** @type {Worker | undefined} */
let worker;

/** @param {Report} report */
const tell = (report) => (host ? host.postMessage(report) : early.push(report));

// Only the site's own script, whatever the address says (the policy would refuse another site's anyway).
if (script.origin === new URL(location.href).origin) {
  worker = new Worker(`data:text/javascript,${encodeURIComponent(bootstrap)}`, { name: 'meshdojo-sandbox' });
  const refuse = (/** @type {string} */ detail) => {
    worker?.terminate();
    tell({ type: 'refused', detail });
  };
  worker.addEventListener('message', () => refuse('a message posted to its frame'));
  worker.addEventListener('messageerror', () => refuse('a message its frame could not read'));
  worker.addEventListener('error', (event) =>
    tell({ type: 'error', message: event.message || 'the sandbox Worker failed' }),
  );
}

addEventListener('message', function connect(event) {
  const [port, reports] = event.ports;
  if (event.source !== parent || event.data?.type !== 'meshdojo:connect' || !port || !reports) return;
  removeEventListener('message', connect);
  host = reports;
  early.splice(0).forEach(tell);
  if (worker) worker.postMessage(null, [port]);
  else tell({ type: 'error', message: `the sandbox refuses to start ${script.href}` });
});
