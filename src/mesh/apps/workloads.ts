import { createDetails } from './bookinfo/details';
import { createProductpage } from './bookinfo/productpage';
import { createRatings } from './bookinfo/ratings';
import { createReviews } from './bookinfo/reviews';
import { createFortio } from './fortio/fortio';
import { createHttpbin } from './httpbin/httpbin';
import { imageSpecFor } from './images';
import { createSleep } from './sleep';
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
  switch (spec?.kind) {
    case undefined:
      return undefined;
    case 'bookinfo-productpage':
      return createProductpage(image, withHostname);
    case 'bookinfo-details':
      return createDetails(image, withHostname);
    case 'bookinfo-reviews':
      return createReviews(image, withHostname);
    case 'bookinfo-ratings':
      return createRatings(image, withHostname);
    case 'httpbin':
      return createHttpbin(image, 'python', withHostname);
    case 'go-httpbin':
      return createHttpbin(image, 'go', withHostname);
    case 'fortio':
      return createFortio(image, withHostname);
    case 'sleep':
      return createSleep(image, withHostname);
  }
}
