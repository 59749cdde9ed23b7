import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from './session';

// The NKS guide: create a kubeconfig with ncp-iam-authenticator, then use it with kubectl.
describe('ncp-iam-authenticator and kubeconfig', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bare', kubeconfig: false });
  });
  afterAll(() => s.dispose());

  it('kubectl without a kubeconfig cannot reach a cluster', async () => {
    expect(await s.run('kubectl get nodes')).toMatchObject({
      stderr: 'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n',
      exitCode: 1,
    });
  });

  it('needs API credentials, then writes the kubeconfig that kubectl uses', async () => {
    const uuid = s.cluster.info.uuid;
    expect(
      (
        await s.run(
          `ncp-iam-authenticator create-kubeconfig --region KR --clusterUuid ${uuid} --output kubeconfig.yaml`,
        )
      ).stdout,
    ).toBe('run create-kubeconfig failed. please check your credentialConfig and profile.\n');
    await s.ok(
      'mkdir -p ~/.ncloud && printf "[DEFAULT]\\nncloud_access_key_id = AK\\nncloud_secret_access_key = SK\\nncloud_api_url = https://ncloud.apigw.ntruss.com\\n" > ~/.ncloud/configure',
    );
    expect(
      await s.ok(`ncp-iam-authenticator create-kubeconfig --region KR --clusterUuid ${uuid} --output kubeconfig.yaml`),
    ).toBe('kubeconfig created successfully.\n');
    expect(await s.ok('grep command kubeconfig.yaml')).toContain('command: ncp-iam-authenticator');
    expect(await s.ok('kubectl --kubeconfig kubeconfig.yaml get nodes --no-headers | wc -l')).toMatch(/3/);
    expect(await s.ok('export KUBECONFIG=$(pwd)/kubeconfig.yaml; kubectl get ns default -o name')).toBe(
      'namespace/default\n',
    );
  });

  it('refuses a wrong cluster UUID', async () => {
    expect((await s.run('ncp-iam-authenticator create-kubeconfig --region KR --clusterUuid nope')).stdout).toBe(
      'run create-kubeconfig failed. please check your credentialConfig or clusterUuid.\n',
    );
  });
});
