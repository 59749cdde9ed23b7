import { httpbinOrg, pageSite, rawGithub, type SiteContext, type SiteHandler } from './sites';

/** One public host of the simulated internet. */
export interface InternetHost {
  /** The names DNS answers for it; the first is its certificate's common name, all are its SANs. */
  readonly names: readonly string[];
  /** A public address (TEST-NET-2, never a real site's). */
  readonly address: string;
  readonly site: (context: SiteContext) => SiteHandler;
}

/**
 * The internet outside the cluster, as the istio.io task pages use it: every host here resolves from the
 * laptop and from pods and answers on 80 (http) and 443 (https, signed by the simulated internet's CA);
 * every other name does not resolve. One entry adds a host.
 */
export const INTERNET_HOSTS: readonly InternetHost[] = [
  { names: ['httpbin.org', 'www.httpbin.org'], address: '198.51.100.10', site: httpbinOrg },
  {
    names: ['www.google.com'],
    address: '198.51.100.20',
    site: (context) => pageSite(context, { server: 'gws', page: page('Google'), redirectHttp: false }),
  },
  {
    names: ['edition.cnn.com'],
    address: '198.51.100.30',
    site: (context) => pageSite(context, { server: 'Varnish', page: page('CNN International'), redirectHttp: true }),
  },
  { names: ['raw.githubusercontent.com'], address: '198.51.100.40', site: rawGithub },
];

/** Where traffic from inside the cluster appears to come from on the internet (the VPC's NAT gateway). */
export const CLUSTER_EGRESS_ADDRESS = '223.130.195.201';

function page(title: string): string {
  return `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>A page of the simulated internet.</p></body></html>\n`;
}
