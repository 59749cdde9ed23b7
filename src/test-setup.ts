// Vitest setup: the API server's schemas, which createCluster loads itself, are loaded up front for the
// tests that build a kube store directly.
import { loadKubeSchemas } from './mesh';

await loadKubeSchemas();
