import { describe, expect, it } from 'vitest';
import { parseImageRef } from './image-ref';
import { IMAGE_CATALOG, imageSpecFor, isKnownImage, unknownImageNote } from './images';
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
    expect(isKnownImage('memcached:1.6')).toBe(false);
    expect(isKnownImage('nginx:1.27')).toBe(true);
  });

  it("knows every image Istio 1.30's samples and add-ons name, from Istio's registry mirrors too", () => {
    for (const image of [
      'registry.istio.io/release/examples-bookinfo-details-v1:1.20.3',
      'registry.istio.io/release/examples-bookinfo-reviews-v3:1.20.3',
      'registry.istio.io/release/examples-helloworld-v2:1.0',
      'registry.istio.io/release/tcp-echo-server:1.3',
      'gcr.io/istio-release/examples-bookinfo-productpage-v1:1.18.0',
      'docker.io/prom/prometheus:v3.10.0',
      'ghcr.io/prometheus-operator/prometheus-config-reloader:v0.89.0',
      'docker.io/grafana/grafana:12.0.1',
      'docker.io/jaegertracing/jaeger:2.14.0',
      'quay.io/kiali/kiali:v2.26',
      'docker.io/grafana/loki:3.6.5',
      'docker.io/kiwigrid/k8s-sidecar:1.30.9',
      'docker.io/openzipkin/zipkin-slim:3.4.0',
      'docker.io/otel/opentelemetry-collector-contrib:0.123.0',
      'docker.io/envoyproxy/ratelimit:30a4ce1a',
      'docker.io/redis:alpine',
      'redis:alpine',
    ]) {
      expect(isKnownImage(image), image).toBe(true);
    }
    // A mirror serves only Istio's own images.
    expect(isKnownImage('registry.istio.io/release/nginx')).toBe(false);
  });

  it('names what the registry simulates, for the pull error of any other image', () => {
    const note = unknownImageNote();
    for (const family of ['bookinfo', 'httpbin', 'curl', 'tcp-echo', 'kiali', 'prometheus', 'ratelimit', 'redis']) {
      expect(note).toContain(family);
    }
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
    expect(createWorkload('memcached', cluster.context('memcached'))).toBeUndefined();
  });
});
