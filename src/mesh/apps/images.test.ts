import { describe, expect, it } from 'vitest';
import { parseImageRef } from './image-ref';
import { IMAGE_CATALOG, imageSpecFor, isKnownImage } from './images';
import { reviewsVersionOf } from './bookinfo/reviews';
import { TestCluster } from './testing/test-cluster';
import { createWorkload } from './workloads';

describe('image references', () => {
  it('splits registry, path, tag and digest as Docker does', () => {
    expect(parseImageRef('docker.io/istio/examples-bookinfo-details-v1:1.20.3')).toMatchObject({
      registry: 'docker.io',
      path: 'istio/examples-bookinfo-details-v1',
      tag: '1.20.3',
      repository: 'docker.io/istio/examples-bookinfo-details-v1',
    });
    expect(parseImageRef('nginx').repository).toBe('docker.io/library/nginx');
    expect(parseImageRef('localhost:5000/team/app:dev')).toMatchObject({ registry: 'localhost:5000', tag: 'dev' });
    expect(parseImageRef('fortio/fortio@sha256:abc')).toMatchObject({
      repository: 'docker.io/fortio/fortio',
      digest: 'sha256:abc',
    });
  });

  it('knows every sample image by repository, whatever the tag or Docker Hub spelling', () => {
    for (const image of [
      'docker.io/istio/examples-bookinfo-productpage-v1:1.20.3',
      'istio/examples-bookinfo-reviews-v3:1.18.0',
      'index.docker.io/istio/examples-bookinfo-ratings-v1',
      'fortio/fortio:latest_release',
      'curlimages/curl',
      'curlimages/curl:8.16.0',
      'docker.io/mccutchen/go-httpbin:v2.15.0',
      'docker.io/kennethreitz/httpbin',
      'tutum/curl',
    ]) {
      expect(isKnownImage(image), image).toBe(true);
    }
    expect(isKnownImage('nginx:1.27')).toBe(false);
    expect(isKnownImage('quay.io/istio/examples-bookinfo-details-v1:1.20.3')).toBe(false);
  });

  it('says which reviews version an image bakes in and what each image runs', () => {
    expect(reviewsVersionOf('docker.io/istio/examples-bookinfo-reviews-v2:1.20.3')).toBe('v2');
    expect(imageSpecFor('fortio/fortio')?.binaries).toContain('fortio');
    expect(imageSpecFor('docker.io/istio/examples-bookinfo-ratings-v1:1.20.3')?.binaries).toContain('curl');
    // Debian/Ubuntu bases have bash; Alpine's curl image has busybox sh only.
    expect(imageSpecFor('docker.io/istio/examples-bookinfo-ratings-v1:1.20.3')?.binaries).toContain('bash');
    expect(imageSpecFor('tutum/curl')?.binaries).toContain('bash');
    expect(imageSpecFor('curlimages/curl')?.binaries).not.toContain('bash');
    // busybox's applets in Alpine; Debian has no `time` program (bash's is a keyword) and no nc.
    expect(imageSpecFor('curlimages/curl')?.binaries).toEqual(expect.arrayContaining(['sh', 'nc', 'time', 'awk']));
    expect(imageSpecFor('docker.io/istio/examples-bookinfo-details-v1')?.binaries).not.toContain('time');
    expect(imageSpecFor('docker.io/istio/examples-bookinfo-details-v1')?.binaries).not.toContain('nc');
    // Distroless and scratch images have no shell at all.
    expect(imageSpecFor('mccutchen/go-httpbin')?.binaries).not.toContain('sh');
    expect(imageSpecFor('fortio/fortio')?.binaries).not.toContain('sh');
    expect(new Set(IMAGE_CATALOG.map((spec) => spec.repository)).size).toBe(IMAGE_CATALOG.length);
  });

  it('creates a workload for every catalog image and none for an unknown one', () => {
    const cluster = new TestCluster();
    for (const [index, spec] of IMAGE_CATALOG.entries()) {
      const workload = createWorkload(`${spec.repository}:test`, cluster.context(`pod-${index}`));
      expect(workload?.ports, spec.repository).toEqual(spec.ports);
    }
    expect(createWorkload('nginx', cluster.context('nginx'))).toBeUndefined();
  });
});
