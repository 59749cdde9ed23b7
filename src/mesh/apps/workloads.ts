import { imageSpecFor } from './images';
import type { Workload, WorkloadContext } from './types';

/**
 * The process a container runs, chosen by its image's repository (any tag). Undefined for an image the
 * simulator does not know: the caller reports it the way a kubelet reports an image it cannot pull.
 */
export function createWorkload(image: string, context: WorkloadContext): Workload | undefined {
  const spec = imageSpecFor(image);
  const withHostname: WorkloadContext = {
    ...context,
    env: { HOSTNAME: context.pod.name, ...context.env },
  };
  return spec?.run(image, withHostname);
}
