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

// What the tool reads its API key from, as its source does (pkg/credentials): env first, then the profile's section.
describe('ncp-iam-authenticator credentials and update-kubeconfig', () => {
  let s: MeshSession;
  let uuid: string;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bare', kubeconfig: false });
    uuid = s.cluster.info.uuid;
  });
  afterAll(() => s.dispose());
  const token = () => s.run(`ncp-iam-authenticator token --clusterUuid ${uuid} --region KR`);

  it('takes keys from the environment only with the API gateway URL too', async () => {
    await s.ok('export NCLOUD_ACCESS_KEY=AK NCLOUD_SECRET_KEY=SK');
    expect((await token()).exitCode).toBe(1);
    await s.ok('export NCLOUD_API_GW=https://ncloud.apigw.ntruss.com');
    expect((await token()).stdout).toContain('"kind":"ExecCredential"');
    await s.ok('unset NCLOUD_ACCESS_KEY NCLOUD_SECRET_KEY NCLOUD_API_GW');
  });

  it('reads the --profile section of ~/.ncloud/configure, [DEFAULT] without one', async () => {
    await s.ok(
      'mkdir -p ~/.ncloud && printf "[project]\\nncloud_access_key_id = AK\\nncloud_secret_access_key = SK\\nncloud_api_url = https://ncloud.apigw.ntruss.com\\n" > ~/.ncloud/configure',
    );
    expect((await token()).exitCode).toBe(1);
    expect(
      await s.ok(`ncp-iam-authenticator create-kubeconfig --region KR --clusterUuid ${uuid} --profile project`),
    ).toBe('kubeconfig created successfully.\n');
    // kubectl's exec plugin asks for its token with the same profile.
    expect(await s.ok(`grep -A1 -- '--profile' kubeconfig-${uuid}.yaml`)).toContain('project');
  });

  it('update-kubeconfig refuses names already there unless --overwrite', async () => {
    const update = `ncp-iam-authenticator update-kubeconfig --region KR --clusterUuid ${uuid} --profile project`;
    expect(await s.ok(update)).toBe('kubeconfig updated successfully.\n');
    expect(await s.ok('kubectl config current-context')).toBe(`nks_kr_meshdojo-cluster_${uuid}\n`);
    expect((await s.run(update)).stdout).toMatch(/please use --overwrite flag\n$/);
    expect(await s.ok(`${update} --overwrite`)).toBe('kubeconfig updated successfully.\n');
  });
});

// A new cluster takes minutes to create; the tool asks for the cluster and refuses while its status is CREATING.
describe('ncp-iam-authenticator while the cluster is being created', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bare', kubeconfig: false, nksCreatingMs: 5 * 60_000 });
  });
  afterAll(() => s.dispose());

  it('asks to try again until creation is complete', async () => {
    const create = `NCLOUD_ACCESS_KEY=AK NCLOUD_SECRET_KEY=SK NCLOUD_API_GW=https://ncloud.apigw.ntruss.com ncp-iam-authenticator create-kubeconfig --region KR --clusterUuid ${s.cluster.info.uuid}`;
    expect(await s.run(create)).toMatchObject({
      stdout: 'run create-kubeconfig failed. please try again after cluster creation is complete.\n',
      exitCode: 1,
    });
    await s.ok('sleep 300');
    expect(await s.ok(create)).toBe('kubeconfig created successfully.\n');
  });
});
