import { missingPrograms } from './advice';
import { runCurl } from './curl/curl';
import { fortio } from './fortio';
import type { CommandRun } from './io';
import { istioctl } from './istioctl/istioctl';
import { kubectl } from './kubectl/kubectl';
import { ncpIamAuthenticator } from './ncp-iam-authenticator';
import { openssl } from './openssl/openssl';
import { macOpen, xdgOpen } from './open-url';
import { meshdojo } from './meshdojo/meshdojo';

/** The programs on the learner's laptop, by name. */
export function ourCommands(): Record<string, CommandRun> {
  return {
    kubectl,
    istioctl,
    curl: (argv, io, cluster) =>
      runCurl(argv, io, { host: cluster.laptop, clock: cluster.clock, userAgent: 'curl/8.7.1' }),
    fortio,
    openssl,
    'ncp-iam-authenticator': ncpIamAuthenticator,
    'xdg-open': xdgOpen,
    open: macOpen,
    meshdojo,
    ...missingPrograms(),
  };
}
