/** Sidecar listeners as Istio builds them, for data-plane tests (see xds-builders.ts). */
import type { Listener } from '../../xds/index';
import { FILTER_NAME, TYPE_URL } from '../../xds/index';

const HTTP_FILTERS = [
  { name: FILTER_NAME.fault },
  { name: FILTER_NAME.localRateLimit },
  { name: FILTER_NAME.istioStats },
  { name: FILTER_NAME.router },
];

/** virtualOutbound (15001, original-dst dispatch, passthrough) + one bind_to_port:false listener per port. */
export function outboundListeners(ports: number[]): Listener[] {
  const passthrough: Listener = {
    name: 'virtualOutbound',
    address: { socket_address: { address: '0.0.0.0', port_value: 15001 } },
    use_original_dst: true,
    traffic_direction: 'OUTBOUND',
    filter_chains: [
      {
        name: 'PassthroughFilterChain',
        // As Istio writes it: plain TCP proxying to the original destination.
        filters: [
          {
            name: FILTER_NAME.tcpProxy,
            typed_config: { stat_prefix: 'PassthroughCluster', cluster: 'PassthroughCluster' },
          },
        ],
      },
    ],
  };
  return [
    passthrough,
    ...ports.map<Listener>((port) => ({
      name: `0.0.0.0_${port}`,
      address: { socket_address: { address: '0.0.0.0', port_value: port } },
      bind_to_port: false,
      traffic_direction: 'OUTBOUND',
      filter_chains: [
        {
          filters: [
            {
              name: FILTER_NAME.httpConnectionManager,
              typed_config: {
                stat_prefix: `outbound_0.0.0.0_${port}`,
                rds: { route_config_name: String(port) },
                http_filters: HTTP_FILTERS,
                access_log: [{ name: 'envoy.access_loggers.file' }],
              },
            },
          ],
        },
      ],
    })),
  ];
}

/** virtualInbound (15006): a chain per application port, routing to `inbound|<port>||`. */
export function inboundListener(
  ports: number[],
  options: { mtls?: 'STRICT' | 'PERMISSIVE'; rbac?: Record<string, unknown> } = {},
): Listener {
  const chains = ports.flatMap((port) => {
    const hcm = (tls: boolean) => ({
      name: FILTER_NAME.httpConnectionManager,
      typed_config: {
        stat_prefix: `inbound_0.0.0.0_${port}`,
        route_config: {
          name: `inbound|${port}||`,
          virtual_hosts: [
            {
              name: `inbound|http|${port}`,
              domains: ['*'],
              routes: [
                { name: 'default', match: { prefix: '/' }, route: { cluster: `inbound|${port}||`, timeout: '0s' } },
              ],
            },
          ],
        },
        http_filters: [
          ...(options.rbac !== undefined ? [{ name: FILTER_NAME.rbac, typed_config: options.rbac }] : []),
          { name: FILTER_NAME.istioStats },
          { name: FILTER_NAME.router },
        ],
        access_log: [{ name: 'envoy.access_loggers.file' }],
        ...(tls && { forward_client_cert_details: 'APPEND_FORWARD' as const }),
      },
    });
    const tlsChain = {
      name: `0.0.0.0_${port}_mtls`,
      filter_chain_match: { destination_port: port, transport_protocol: 'tls' },
      filters: [hcm(true)],
      transport_socket: {
        name: FILTER_NAME.tls,
        typed_config: {
          '@type': TYPE_URL.downstreamTlsContext,
          common_tls_context: { tls_certificate_sds_secret_configs: [{ name: 'default' }] },
          require_client_certificate: true,
        },
      },
    };
    const plainChain = {
      name: `0.0.0.0_${port}`,
      filter_chain_match: { destination_port: port, transport_protocol: 'raw_buffer' },
      filters: [hcm(false)],
    };
    if (options.mtls === undefined)
      return [{ name: `0.0.0.0_${port}`, filter_chain_match: { destination_port: port }, filters: [hcm(false)] }];
    return options.mtls === 'STRICT' ? [tlsChain] : [tlsChain, plainChain];
  });
  return {
    name: 'virtualInbound',
    address: { socket_address: { address: '0.0.0.0', port_value: 15006 } },
    traffic_direction: 'INBOUND',
    filter_chains: chains,
  };
}
