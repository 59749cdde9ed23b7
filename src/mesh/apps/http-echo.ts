import type { HttpRequest, HttpResponse, Listening } from '../net';
import { respond, serveHttp } from './http-server';
import { splitPath } from './http-text';
import { goLogStamp, httpDate, wallClockOf } from './wall-clock';
import type { Workload, WorkloadContext } from './types';

const NAME = 'http-echo';
const VERSION = '1.0.0';

interface EchoFlags {
  readonly port: number;
  readonly text: string | undefined;
}

/** `-listen=:5678` and `-text=apple` (Go's flag package also takes `-text apple` and `--text`). */
function parseFlags(args: readonly string[], env: Readonly<Record<string, string>>): EchoFlags {
  let listen = ':5678';
  let text: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!.replace(/^--?/, '');
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg];
    const value = (): string => inline ?? args[++i] ?? '';
    if (flag === 'listen') listen = value();
    else if (flag === 'text') text = value();
  }
  const port = Number(listen.slice(listen.lastIndexOf(':') + 1));
  return { port, text: text !== undefined && text !== '' ? text : env['ECHO_TEXT'] || undefined };
}

/**
 * hashicorp/http-echo: answers every path with the text it was started with (`-text`), `/health` with
 * `{"status":"ok"}`, each with its X-App-Name and X-App-Version headers — the two-backend demo of many
 * path-routing tutorials, since the answer names the backend. Without a text it exits 127, as the real one does.
 */
export function createHttpEcho(image: string, context: WorkloadContext): Workload {
  const flags = parseFlags([...(context.command ?? []).slice(1), ...(context.args ?? [])], context.env);
  const now = context.wallClockMs ?? wallClockOf(context.clock);
  const answer = (body: string): HttpResponse =>
    respond(200, `${body}\n`, {
      'x-app-name': NAME,
      'x-app-version': VERSION,
      date: httpDate(now()),
      'content-type': 'text/plain; charset=utf-8',
    });
  const handle = (request: HttpRequest): Promise<HttpResponse> =>
    Promise.resolve(answer(splitPath(request.path).pathname === '/health' ? '{"status":"ok"}' : flags.text!));
  let listening: Listening | undefined;
  return {
    image,
    ports: [flags.port],
    start() {
      if (listening !== undefined) return;
      if (flags.text === undefined) {
        // Printed with fmt.Fprintln, before the logger: no time stamp.
        context.log('Missing -text option OR ENV var TEXT is empty!');
        context.exit?.(127);
        return;
      }
      listening = serveHttp(context.host, flags.port, handle);
      context.log(`${goLogStamp(now())} [INFO] server is listening on :${flags.port}`);
    },
    stop() {
      listening?.close();
      listening = undefined;
    },
  };
}
