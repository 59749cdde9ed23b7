import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TextEditor } from '../editor';
import { createMeshSession, type MeshSession } from '../session';

/** What the learner does each time the editor opens: a new text, or undefined to cancel. */
type Step = (opened: string) => string | undefined;

/** An editor that plays `steps` in order and keeps what it was shown. */
function scriptedEditor(steps: Step[]): TextEditor & { opened: { path: string; text: string }[]; closed: string[] } {
  const opened: { path: string; text: string }[] = [];
  const closed: string[] = [];
  return {
    opened,
    closed,
    edit: async (path, text) => {
      opened.push({ path, text });
      const step = steps[opened.length - 1];
      if (step === undefined) throw new Error(`the editor opened ${opened.length} times`);
      return step(text);
    },
    close: (path) => void closed.push(path),
  };
}

const HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n#\n';

const replicas = (n: number | string) => (text: string) => text.replace(/^ {2}replicas: -?\d+$/m, `  replicas: ${n}`);

describe('kubectl edit', () => {
  let s: MeshSession;
  beforeEach(async () => {
    s = await createMeshSession({ preset: 'bare' });
    await s.ok('kubectl create deployment reviews-v1 --image=docker.io/istio/examples-bookinfo-reviews-v1:1.20.3');
  });
  afterEach(() => s.dispose());

  it('opens the live object as YAML under kubectl header; closed unchanged, nothing is sent', async () => {
    const editor = scriptedEditor([(text) => text]);
    const result = await s.run('kubectl edit deployment reviews-v1', { editor });
    expect(result).toMatchObject({ stdout: '', stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 });
    const [opened] = editor.opened;
    expect(opened!.path).toBe('/tmp/kubectl-edit-1.yaml');
    expect(opened!.text.startsWith(`${HEADER}apiVersion: apps/v1\nkind: Deployment\nmetadata:\n`)).toBe(true);
    expect(opened!.text).toContain('  name: reviews-v1\n');
    expect(opened!.text).toContain('  replicas: 1\n');
    expect(editor.closed).toEqual(['/tmp/kubectl-edit-1.yaml']);
    // Cancel, or only comments and layout changed: the same.
    const cancel = scriptedEditor([() => undefined]);
    expect((await s.run('kubectl edit deploy/reviews-v1', { editor: cancel })).stderr).toBe(
      'Edit cancelled, no changes made.\n',
    );
    const reformatted = scriptedEditor([
      (text) => `# mine\n${text.replace('kind: Deployment\n', '')}kind: Deployment\n`,
    ]);
    expect((await s.run('kubectl edit deploy reviews-v1', { editor: reformatted })).stderr).toBe(
      'Edit cancelled, no changes made.\n',
    );
  });

  it('patches what the learner changed, says edited, and journals the save so a replay applies it', async () => {
    const editor = scriptedEditor([replicas(3)]);
    expect(await s.run('kubectl edit deploy reviews-v1', { editor })).toMatchObject({
      stdout: 'deployment.apps/reviews-v1 edited\n',
      stderr: '',
      exitCode: 0,
    });
    expect(await s.ok("kubectl get deploy reviews-v1 -o jsonpath='{.spec.replicas}'")).toBe('3');
    const entry = s.journal.find((e) => 'run' in e && e.run.startsWith('kubectl edit'))!;
    expect(entry).toMatchObject({
      run: 'kubectl edit deploy reviews-v1',
      edits: [replicas(3)(editor.opened[0]!.text)],
    });
    const again = await createMeshSession({ preset: 'bare', journal: s.journal });
    expect(await again.ok("kubectl get deploy reviews-v1 -o jsonpath='{.spec.replicas}'")).toBe('3');
    again.dispose();
  });

  it('opens a refused save again with the reasons at the top, and applies the fixed one', async () => {
    const editor = scriptedEditor([replicas(-1), replicas(2)]);
    const result = await s.run('kubectl edit deploy reviews-v1', { editor });
    expect(result).toMatchObject({
      stdout: 'deployment.apps/reviews-v1 edited\n',
      stderr: 'error: deployments.apps "reviews-v1" is invalid\n',
      exitCode: 0,
    });
    const reopened = editor.opened[1]!.text;
    expect(reopened).toMatch(
      new RegExp(
        `^${escape(HEADER)}# deployments\\.apps "reviews-v1" was not valid:\\n# \\* spec\\.replicas: .+\\n#\\napiVersion: apps/v1\\n`,
      ),
    );
    expect(reopened).toContain('  replicas: -1\n');
    expect(editor.opened[1]!.path).toBe(editor.opened[0]!.path);
    expect(await s.ok("kubectl get deploy reviews-v1 -o jsonpath='{.spec.replicas}'")).toBe('2');
    const replayed = await createMeshSession({ preset: 'bare', journal: s.journal });
    expect(await replayed.ok("kubectl get deploy reviews-v1 -o jsonpath='{.spec.replicas}'")).toBe('2');
    replayed.dispose();
  });

  it('gives up when a refused save is closed unchanged, and keeps a copy of it', async () => {
    const editor = scriptedEditor([replicas(-1), (text) => text]);
    expect(await s.run('kubectl edit deploy reviews-v1', { editor })).toMatchObject({
      stdout: '',
      stderr:
        'error: deployments.apps "reviews-v1" is invalid\n' +
        'A copy of your changes has been stored to "/tmp/kubectl-edit-1.yaml"\n' +
        'error: Edit cancelled, no valid changes were saved.\n',
      exitCode: 1,
    });
    expect(await s.ok("grep -c '^  replicas: -1$' /tmp/kubectl-edit-1.yaml")).toBe('1\n');
    expect(await s.ok("kubectl get deploy reviews-v1 -o jsonpath='{.spec.replicas}'")).toBe('1');
    // The copy goes in with kubectl replace once fixed.
    expect(
      await s.ok(
        "sed -i 's/replicas: -1/replicas: 2/' /tmp/kubectl-edit-1.yaml && kubectl replace -f /tmp/kubectl-edit-1.yaml",
      ),
    ).toBe('deployment.apps/reviews-v1 replaced\n');
    // The kept copy is not overwritten by the next edit.
    const next = scriptedEditor([() => undefined]);
    await s.run('kubectl edit deploy reviews-v1', { editor: next });
    expect(next.opened[0]!.path).toBe('/tmp/kubectl-edit-2.yaml');
  });

  it('reopens a save that does not parse with the syntax error, and applies the fixed one', async () => {
    const editor = scriptedEditor([
      (text) => text.replace('spec:\n', 'spec:\n  - [\n'),
      (text) => replicas(4)(text.replace('  - [\n', '')),
    ]);
    const result = await s.run('kubectl edit deploy reviews-v1', { editor });
    expect(editor.opened[1]!.text).toMatch(
      /\n# The edited file had a syntax error: error parsing edited-file: .+\n#\n/,
    );
    expect(result).toMatchObject({ stdout: 'deployment.apps/reviews-v1 edited\n', exitCode: 0 });
  });

  it('cancels on an empty file (comments alone count as empty)', async () => {
    for (const empty of ['', '# nothing here\n\n']) {
      const editor = scriptedEditor([() => empty]);
      expect(await s.run('kubectl edit deploy reviews-v1', { editor })).toMatchObject({
        stderr: 'Edit cancelled, saved file was empty.\n',
        exitCode: 0,
      });
    }
  });

  it('fails before any editor opens when an object is not found, or nothing is named', async () => {
    const editor = scriptedEditor([]);
    expect(await s.run('kubectl edit deploy nope', { editor })).toMatchObject({
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      exitCode: 1,
    });
    expect(await s.run('kubectl edit deploy reviews-v1 -n other', { editor })).toMatchObject({
      stderr: 'Error from server (NotFound): deployments.apps "reviews-v1" not found\n',
      exitCode: 1,
    });
    expect((await s.run('kubectl edit', { editor })).stderr).toMatch(
      /^error: You must provide one or more resources by argument or filename\./,
    );
    expect((await s.run('kubectl edit foos x', { editor })).stderr).toBe(
      'error: the server doesn\'t have a resource type "foos"\n',
    );
    expect(await s.run('kubectl edit deployments -n kube-public', { editor })).toMatchObject({
      stderr: 'error: edit cancelled, no objects found\n',
      exitCode: 1,
    });
    expect(editor.opened).toEqual([]);
  });

  it('-o json opens JSON without a header and prints the edited object as JSON', async () => {
    const editor = scriptedEditor([(text) => text.replace('"replicas": 1', '"replicas": 5')]);
    const result = await s.run('kubectl edit deploy reviews-v1 -o json', { editor });
    expect(editor.opened[0]!.path).toBe('/tmp/kubectl-edit-1.json');
    expect(editor.opened[0]!.text).toMatch(/^\{\n {4}"apiVersion": "apps\/v1",\n/);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ kind: 'Deployment', spec: { replicas: 5 } });
    expect((await s.run('kubectl edit deploy reviews-v1 -o wide', { editor })).stderr).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: json,yaml\n',
    );
  });

  it('edits several objects as a List, by -f FILE and in the namespace of -n', async () => {
    await s.ok('kubectl create namespace shop');
    await s.ok('kubectl create deployment cart --image=nginx -n shop');
    await s.ok('kubectl create deployment ratings --image=nginx -n shop');
    const list = scriptedEditor([(text) => text.replaceAll('replicas: 1', 'replicas: 2')]);
    expect((await s.run('kubectl edit deploy -n shop', { editor: list })).stdout).toBe(
      'deployment.apps/cart edited\ndeployment.apps/ratings edited\n',
    );
    expect(list.opened[0]!.text).toContain('\nkind: List\n');
    await s.ok('kubectl get deploy cart -n shop -o yaml > cart.yaml');
    const byFile = scriptedEditor([replicas(0)]);
    expect(await s.run('kubectl edit -f cart.yaml -n shop', { editor: byFile })).toMatchObject({
      stdout: 'deployment.apps/cart edited\n',
    });
    // As kubectl: the saved object must be in the namespace of the command line (-n, else the context's).
    const elsewhere = scriptedEditor([replicas(1)]);
    expect((await s.run('kubectl edit -f cart.yaml', { editor: elsewhere })).stderr).toBe(
      'A copy of your changes has been stored to "/tmp/kubectl-edit-1.yaml"\n' +
        'error: the namespace from the provided object "shop" does not match the namespace "default". You must pass \'--namespace=shop\' to perform this operation.\n',
    );
    expect(await s.ok("kubectl get deploy cart -n shop -o jsonpath='{.spec.replicas}'")).toBe('0');
    const renamed = scriptedEditor([(text) => text.replace('name: cart', 'name: basket')]);
    expect(await s.run('kubectl edit deploy cart -n shop', { editor: renamed })).toMatchObject({
      stderr:
        'A copy of your changes has been stored to "/tmp/kubectl-edit-2.yaml"\nerror: At least one of apiVersion, kind and name was changed\n',
      exitCode: 1,
    });
  });

  it('stops at Ctrl-C while the editor is open: nothing applied, the file closed, a replay applies nothing', async () => {
    const closed: string[] = [];
    const waiting: TextEditor = {
      edit: (_path, _text, { signal }) =>
        new Promise((_, reject) => signal!.addEventListener('abort', () => reject(signal!.reason), { once: true })),
      close: (path) => void closed.push(path),
    };
    const running = s.run('kubectl edit deploy reviews-v1', { editor: waiting });
    await new Promise((resolve) => setTimeout(resolve, 0));
    s.shell.cancel();
    expect((await running).exitCode).toBe(130);
    expect(closed).toEqual(['/tmp/kubectl-edit-1.yaml']);
    const replayed = await createMeshSession({ preset: 'bare', journal: s.journal });
    expect(await replayed.ok("kubectl get deploy reviews-v1 -o jsonpath='{.spec.replicas}'")).toBe('1');
    replayed.dispose();
  });

  it('says what to do instead where there is no editor (a piped script)', async () => {
    expect(await s.run('kubectl edit deploy reviews-v1')).toMatchObject({
      stderr: expect.stringMatching(/^error: there is no editor in this terminal: /),
      exitCode: 1,
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
