import { SAMPLE_FILES } from '../apps';
import { parseAllDocuments } from 'yaml';
import type { SimCluster, Preset } from './types';

function documents(path: string): unknown[] {
  const text = SAMPLE_FILES[path];
  if (text === undefined) throw new Error(`preset: sample ${path} is missing`);
  return parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter((d) => d !== null);
}

/** Brings a fresh cluster to a lesson's starting point, as the learner would with the docs' commands. */
export async function applyPreset(cluster: SimCluster, preset: Preset): Promise<void> {
  if (preset === 'bare') {
    await cluster.settle();
    return;
  }
  await cluster.run(() => cluster.istio.install({ profile: 'demo' }));
  await cluster.settle();
  if (preset === 'istio') return;
  // bookinfo: Istio's getting-started steps — label default for injection, deploy Bookinfo and its gateway.
  const kube = cluster.kube;
  const namespace = kube.resolveResource('namespace')!;
  kube.label(namespace, 'default', { 'istio-injection': 'enabled' }, { namespace: 'default', overwrite: true });
  kube.applyAll(documents('samples/bookinfo/platform/kube/bookinfo.yaml'), { namespace: 'default' });
  await cluster.settle();
  kube.applyAll(documents('samples/bookinfo/networking/bookinfo-gateway.yaml'), { namespace: 'default' });
  await cluster.settle();
}
