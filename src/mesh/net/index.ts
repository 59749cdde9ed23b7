/**
 * The mesh's network. Browser-safe: NodeNet lives in ./node and is imported only by Node-only entry points.
 *
 *   const clock = new VirtualClock();
 *   const net = new SimNet({ clock, random: new SeededRandom(seed), trace: new Trace(clock) });
 *   net.host('10.0.0.2').listen(8000, async (request, peer, signal) => ({ status: 200, headers: {}, body: 'ok' }));
 *   const body = await runScenario(clock, async () => {
 *     const connection = await net.host('10.0.0.1').connect('10.0.0.2', 8000);
 *     return (await connection.request({ method: 'GET', path: '/', authority: 'httpbin:8000', headers: {}, body: '' })).body;
 *   });
 */
export * from './types';
export * from './tls';
export { byteStream, byteStreamReply, isByteStream } from './byte-stream';
export * from './tls-verify';
export { certificatesFromPem } from './x509';
export { SimNet, type SimNetOptions } from './sim-net';
export { SimHost, SimListener } from './sim-host';
export { SimConnection } from './sim-connection';
export { DnsTable, isIpv4, isLoopbackName } from './dns';
export { LinkTable } from './links';
export { applyInboundCapture, applyOutboundCapture, type CapturedDestination } from './capture';
