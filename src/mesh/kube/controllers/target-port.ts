import type { IServicePort } from 'kubernetes-models/v1/ServicePort';
import type { Pod } from '../types';

/** The container port a service port sends to on this pod, or undefined when a named port does not exist there. */
export function resolveTargetPort(port: IServicePort, pod: Pod): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const container of pod.spec?.containers ?? []) {
    const found = container.ports?.find((p) => p.name === target && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
    if (found !== undefined) return found.containerPort;
  }
  return undefined;
}
