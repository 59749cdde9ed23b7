/**
 * Bookinfo's ratings service has demo modes picked by SERVICE_VERSION; `v-faulty` answers about half of its GETs
 * with 503. The lab turns it on with a strategic merge patch, as a learner would on a real cluster.
 */
export const FAULTY_RATINGS_PATCH = `kubectl patch deployment ratings-v1 -p '{"spec":{"template":{"spec":{"containers":[{"name":"ratings","env":[{"name":"SERVICE_VERSION","value":"v-faulty"}]}]}}}}'`;
