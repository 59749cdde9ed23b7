import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { istio, parseObjects } from '../testing/objects';
import { buildMeshSnapshot } from '../model/snapshot';
import { analyze, formatAnalyzerMessage } from './analyze';

const testdata = join(import.meta.dirname, '..', 'translate', 'testdata', 'base');
const bookinfo = ['bookinfo', 'bookinfo-destination-rules', 'ingressgateway'].flatMap((f) =>
  parseObjects(readFileSync(join(testdata, `${f}.yaml`), 'utf8')),
);

describe('analyze', () => {
  it('finds nothing wrong with Bookinfo and its destination rules', () => {
    const vs = istio('VirtualService', 'reviews', {
      hosts: ['reviews'],
      http: [
        {
          route: [
            { destination: { host: 'reviews', subset: 'v2' }, weight: 50 },
            { destination: { host: 'reviews', subset: 'v3' }, weight: 50 },
          ],
        },
      ],
    });
    expect(analyze(buildMeshSnapshot([...bookinfo, vs]))).toEqual([]);
  });

  it('reports a host no service provides (IST0101), with the host as written', () => {
    const vs = istio('VirtualService', 'reviews', {
      hosts: ['reviews'],
      http: [{ route: [{ destination: { host: 'reviews2' } }] }],
    });
    const messages = analyze(buildMeshSnapshot([...bookinfo, vs]));
    expect(messages.map(formatAnalyzerMessage)).toEqual([
      'Error [IST0101] (VirtualService default/reviews) Referenced host not found: "reviews2"',
    ]);
    expect(messages[0]).toMatchObject({ code: 'IST0101', level: 'Error', name: 'ReferencedResourceNotFound' });
  });

  it('reports a subset no DestinationRule defines', () => {
    const vs = istio('VirtualService', 'reviews', {
      hosts: ['reviews'],
      http: [{ route: [{ destination: { host: 'reviews', subset: 'v9' } }] }],
    });
    expect(analyze(buildMeshSnapshot([...bookinfo, vs])).map(formatAnalyzerMessage)).toEqual([
      'Error [IST0101] (VirtualService default/reviews) Referenced host+subset in destinationrule not found: "reviews+v9"',
    ]);
    const noRules = bookinfo.filter((o) => o.kind !== 'DestinationRule');
    expect(
      analyze(
        buildMeshSnapshot([
          ...noRules,
          istio('VirtualService', 'r', {
            hosts: ['reviews'],
            http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }],
          }),
        ]),
      ).map((m) => m.message),
    ).toEqual(['Referenced host+subset in destinationrule not found: "reviews+v1"']);
  });

  it('reports a gateway that does not exist', () => {
    const vs = istio('VirtualService', 'bookinfo', {
      hosts: ['*'],
      gateways: ['bookinfo-gateway'],
      http: [{ route: [{ destination: { host: 'productpage', port: { number: 9080 } } }] }],
    });
    expect(analyze(buildMeshSnapshot([...bookinfo, vs])).map((m) => m.message)).toEqual([
      'Referenced gateway not found: "bookinfo-gateway"',
    ]);
    const gw = istio('Gateway', 'bookinfo-gateway', {
      selector: { istio: 'ingressgateway' },
      servers: [{ port: { number: 8080, protocol: 'HTTP' }, hosts: ['*'] }],
    });
    expect(analyze(buildMeshSnapshot([...bookinfo, vs, gw]))).toEqual([]);
  });

  it('checks mirrors too, and accepts ServiceEntry hosts', () => {
    const se = istio('ServiceEntry', 'ext', {
      hosts: ['*.example.com'],
      ports: [{ number: 80, name: 'http', protocol: 'HTTP' }],
      resolution: 'DNS',
    });
    const vs = istio('VirtualService', 'ext', {
      hosts: ['api.example.com'],
      http: [{ route: [{ destination: { host: 'api.example.com' } }], mirror: { host: 'shadow' } }],
    });
    expect(analyze(buildMeshSnapshot([...bookinfo, se, vs])).map((m) => m.message)).toEqual([
      'Referenced host not found: "shadow"',
    ]);
  });
});
