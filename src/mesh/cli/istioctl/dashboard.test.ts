import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UiEvent } from '../../index';
import { createMeshSession, type MeshSession } from '../session';

describe('samples/addons and istioctl dashboard', () => {
  let s: MeshSession;
  const events: UiEvent[] = [];
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    s.cluster.onUiEvent((e) => events.push(e));
  });
  afterAll(() => s.dispose());

  it('refuses each add-on dashboard while the add-on is missing, with istioctl selector error', async () => {
    for (const [name, title] of [
      ['kiali', 'Kiali'],
      ['prometheus', 'Prometheus'],
      ['grafana', 'Grafana'],
      ['jaeger', 'Jaeger'],
    ]) {
      expect(await s.run(`istioctl dashboard ${name}`)).toMatchObject({
        exitCode: 1,
        stdout: '',
        stderr: `Error: no ${title} pods found\n`,
      });
    }
    expect(events).toEqual([]);
  });

  it('kubectl apply -f samples/addons deploys every add-on in istio-system and each rolls out', async () => {
    const applied = await s.ok('kubectl apply -f samples/addons');
    for (const line of [
      'deployment.apps/grafana created',
      'deployment.apps/jaeger created',
      'service/tracing created',
      'service/kiali created',
      'deployment.apps/kiali created',
      'deployment.apps/loki created',
      'deployment.apps/prometheus created',
    ]) {
      expect(applied).toContain(line);
    }
    expect(await s.ok('kubectl rollout status deployment/kiali -n istio-system')).toBe(
      'deployment "kiali" successfully rolled out\n',
    );
    const pods = await s.ok('kubectl get pods -n istio-system --no-headers');
    for (const name of ['grafana', 'jaeger', 'kiali', 'loki'])
      expect(pods).toMatch(new RegExp(`^${name}-\\S+\\s+1/1\\s+Running`, 'm'));
    expect(pods).toMatch(/^prometheus-\S+\s+2\/2\s+Running/m);
    expect(await s.ok('kubectl get svc tracing -n istio-system --no-headers')).toMatch(
      /^tracing\s+ClusterIP\s+\S+\s+<none>\s+80\/TCP,16685\/TCP/,
    );
  });

  it('kiali opens the mesh graph, prometheus the Metrics tab; the others say what the lab offers instead, in the learner language', async () => {
    expect(await s.ok('istioctl dashboard kiali')).toBe('http://localhost:20001/kiali\n');
    expect(events).toEqual([{ type: 'open-dashboard', dashboard: 'kiali' }]);
    expect(await s.run('istioctl dashboard prometheus')).toMatchObject({
      exitCode: 0,
      stdout: 'http://localhost:9090\n',
      stderr: '',
    });
    expect(events.at(-1)).toEqual({ type: 'open-dashboard', dashboard: 'prometheus' });
    const grafana = await s.run('LANG=ko_KR.UTF-8 istioctl dashboard grafana');
    expect(grafana).toMatchObject({ exitCode: 0, stdout: 'http://localhost:3000\n' });
    expect(grafana.stderr).toContain('Grafana 대시보드를 보여 주지 않습니다');
    expect((await s.run('istioctl dashboard jaeger')).stdout).toBe('http://localhost:16686\n');
    expect(events).toHaveLength(2);
  });

  it('the add-ons answer their health paths from inside the mesh', async () => {
    await s.ok('kubectl apply -f samples/curl/curl.yaml');
    await s.ok('kubectl rollout status deployment/curl');
    expect(await s.ok('kubectl exec deploy/curl -- curl -s prometheus.istio-system:9090/-/ready')).toBe(
      'Prometheus Server is Ready.\n',
    );
    expect(
      await s.ok(
        'kubectl exec deploy/curl -- curl -s -o /dev/null -w "%{http_code}" kiali.istio-system:20001/kiali/healthz',
      ),
    ).toBe('200');
  });

  it('an image outside the catalogue ends in ImagePullBackOff with a message naming what is simulated', async () => {
    await s.ok('kubectl run web --image=memcached:1.6');
    await s.ok('sleep 15');
    expect(await s.ok('kubectl get pod web --no-headers')).toMatch(/^web\s+0\/1\s+(ErrImagePull|ImagePullBackOff)\s/);
    const described = await s.ok('kubectl describe pod web');
    expect(described).toMatch(
      /Failed to pull image "memcached:1\.6": .*not found \(meshdojo's registry simulates only the images of Istio 1\.30's samples, add-ons and task pages: bookinfo, .*kiali/,
    );
    expect(described).toContain('Error: ImagePullBackOff');
  });
});
