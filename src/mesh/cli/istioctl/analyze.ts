import { ISTIO_VERSION, type SimCluster } from '../../index';
import type { Flags } from '../args';
import type { CommandIo } from '../io';

/** istioctl's exit code when analyzers find an issue at or above the failure threshold (Error). */
export const ANALYZERS_FOUND_ISSUES = 79;

/** `https://istio.io/v1.30/docs/reference/config/analysis`: the docs of the release istioctl is. */
const ANALYSIS_DOCS = `https://istio.io/v${ISTIO_VERSION.split('.').slice(0, 2).join('.')}/docs/reference/config/analysis`;

/**
 * `istioctl analyze`: the messages on stdout (a blank line when there are none, as istioctl's Println of an
 * empty report gives), the verdict on stderr. Only an Error fails the command (exit 79, with istioctl's
 * "Analyzers found issues" error); Warnings and Infos are shown and it exits 0.
 */
export function analyze(io: CommandIo, flags: Flags, cluster: SimCluster, namespace: string): number {
  if (!cluster.istio.installed()) {
    io.stderr.write('Error: failed to fetch Istio config: the Istio CRDs are not installed\n');
    return 1;
  }
  const all = flags.bool('all-namespaces');
  const target = all ? 'all namespaces' : `namespace: ${namespace}`;
  const messages = cluster.istio.analyze(all ? undefined : namespace);
  io.stdout.write(`${messages.map((m) => m.text).join('\n')}\n`);
  if (messages.length === 0) {
    io.stderr.write(`\u2714 No validation issues found when analyzing ${target}.\n`);
    return 0;
  }
  if (!messages.some((m) => m.level === 'Error')) return 0;
  io.stderr.write(
    `Error: Analyzers found issues when analyzing ${target}.\n` +
      `See ${ANALYSIS_DOCS} for more information about causes and resolutions.\n`,
  );
  return ANALYZERS_FOUND_ISSUES;
}
