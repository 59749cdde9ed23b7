import { byteStreamReply, isByteStream, type HttpRequest, type HttpResponse, type Listening } from '../net';
import { canonicalHeaderName } from './http-text';
import type { Workload, WorkloadContext } from './types';

/**
 * Istio's tcp-echo-server (samples/tcp-echo): `args: ["9000,9001,9002", "one"]` listens on each port and answers
 * every newline-terminated line a client writes with the prefix, a space and the line; a last line without its
 * newline gets no answer. It closes the connection once the client has finished writing.
 */
export function createTcpEcho(image: string, context: WorkloadContext): Workload {
  // The image's CMD is `9000 hello`; the samples' args replace it.
  const [portList = '9000', prefix = 'hello'] = context.args ?? [];
  const ports = portList
    .split(',')
    .map(Number)
    .filter((p) => Number.isInteger(p) && p > 0 && p < 65536);
  let listening: Listening[] = [];
  const answer = (request: HttpRequest): Promise<HttpResponse> => {
    const written = isByteStream(request) ? request.body : wireText(request);
    let reply = '';
    for (const line of completeLines(written)) {
      context.log(`request: ${line}`);
      context.log(`response: ${prefix} ${line}`);
      reply += `${prefix} ${line}\n`;
    }
    return Promise.resolve(byteStreamReply(reply));
  };
  return {
    image,
    ports,
    start() {
      if (listening.length > 0) return;
      listening = ports.map((port) => {
        const l = context.host.listen(port, answer);
        context.log(`listening on [::]:${port}, prefix: ${prefix}`);
        return l;
      });
    },
    stop() {
      for (const l of listening) l.close();
      listening = [];
    },
  };
}

/** The lines a reader splitting on `\n` returns before EOF, each without its newline. */
function completeLines(text: string): string[] {
  const lines = text.split('\n');
  lines.pop();
  return lines;
}

/** An HTTP request as its client wrote it on the wire (echoed back line by line, CRs included). */
function wireText(request: HttpRequest): string {
  const head = [`${request.method} ${request.path} HTTP/1.1`, `Host: ${request.authority}`];
  for (const [name, value] of Object.entries(request.headers)) head.push(`${canonicalHeaderName(name)}: ${value}`);
  return `${head.join('\r\n')}\r\n\r\n${request.body}`;
}
