/**
 * Every command a lesson shows runs here, in order, in a fresh shell of the simulated mesh, and the output the
 * lesson shows must be what the simulator prints: no drift between the text and the behaviour. A lesson with a
 * lab runs in that lab's terminal as the lab page starts it (its preset and setup, in the lab folder with Istio's
 * `samples/`), so lesson and lab agree. Korean and English lessons must show the same commands.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createLabSession } from './lab-session';
import { createMeshSession, type MeshSession } from './mesh';
import { outputMatches, shellOptionsOf, shellPresetOf, shownSteps } from './lesson-commands';
import { getLab } from './registry';

const CONTENT = fileURLToPath(new URL('../../content', import.meta.url));
/** The seed lessons are replayed with; shown output that depends on it (pod names) uses `…`. */
const LESSON_SEED = 1;

function mdxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? mdxFiles(join(dir, entry.name)) : entry.name.endsWith('.mdx') ? [join(dir, entry.name)] : [],
  );
}

const lessons = ['ko', 'en'].flatMap((locale) =>
  mdxFiles(join(CONTENT, locale)).map((path) => ({
    locale,
    slug: relative(join(CONTENT, locale), path),
    text: readFileSync(path, 'utf8'),
  })),
);
const withCommands = lessons.filter((lesson) => shownSteps(lesson.text).length > 0);

/** The lesson's lab (`lab: <id>`), or the first of its labs (`lab: [<id>, …]`): the lab its commands run in. */
function labOf(mdx: string): string | undefined {
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(mdx)?.[1] ?? '';
  const lab = (parse(frontmatter) as { lab?: string | string[] } | null)?.lab;
  return lab === undefined ? undefined : [lab].flat()[0];
}

/** The lab's terminal when the lesson has a lab, else a shell on the lesson's preset. */
async function sessionFor(mdx: string): Promise<MeshSession> {
  const preset = shellPresetOf(mdx) ?? 'bare';
  const { kubeconfig, awaitLoadBalancers } = shellOptionsOf(mdx);
  const id = labOf(mdx);
  if (id === undefined) return createMeshSession({ seed: LESSON_SEED, preset, kubeconfig, awaitLoadBalancers });
  const lab = getLab(id);
  expect(lab, `the lesson's lab ${id} exists`).toBeDefined();
  expect(lab!.meta.preset, "a lesson's shell is its lab's preset").toBe(preset);
  expect(lab!.meta.kubeconfig, "a lesson's kubeconfig is its lab's").toBe(kubeconfig);
  expect(lab!.meta.awaitLoadBalancers, "a lesson's awaitLoadBalancers is its lab's").toBe(awaitLoadBalancers);
  return createLabSession(lab!.meta, { seed: LESSON_SEED, clock: 'virtual', files: lab!.starter });
}

describe('lesson command extraction', () => {
  it('reads sh blocks with the text block after them, and console blocks', () => {
    const mdx = [
      '```sh',
      'kubectl get pods \\',
      '  -n default',
      '```',
      '',
      '```text',
      'No resources found in default namespace.',
      '```',
      '```console',
      '$ echo a',
      'a',
      '$ echo b',
      '```',
    ].join('\n');
    expect(shownSteps(mdx)).toEqual([
      { commands: ['kubectl get pods   -n default'], output: 'No resources found in default namespace.', line: 1 },
      { commands: ['echo a'], output: 'a', line: 10 },
      { commands: ['echo b'], output: '', line: 12 },
    ]);
  });

  it('keeps a here-document, blank and `#` lines included, in the command that opens it', () => {
    const mdx = ['```sh', "kubectl apply -f - <<'EOF'", 'a: 1', '', '# b', 'EOF', 'kubectl get a', '```'].join('\n');
    expect(shownSteps(mdx)).toEqual([
      { commands: ["kubectl apply -f - <<'EOF'\na: 1\n\n# b\nEOF", 'kubectl get a'], line: 1 },
    ]);
  });

  it('matches shown output with … for volatile text and any spacing between columns', () => {
    expect(outputMatches('NAME   AGE\nreviews-v1-…   …', 'NAME AGE\nreviews-v1-64885468fc-sqrgv       7s\n')).toBe(
      true,
    );
    expect(outputMatches('10 reviews-v1', '  9 reviews-v1\n  1 reviews-v3\n')).toBe(false);
  });
});

describe('the Korean and English lessons show the same commands', () => {
  const slugs = [...new Set(withCommands.map((l) => l.slug))];
  it.each(slugs)('%s', (slug) => {
    const [ko, en] = ['ko', 'en'].map((locale) => lessons.find((l) => l.locale === locale && l.slug === slug));
    expect(ko, `content/ko/${slug} is missing`).toBeDefined();
    expect(en, `content/en/${slug} is missing`).toBeDefined();
    const commands = (text: string) => shownSteps(text).map((s) => [s.commands, s.output]);
    expect(commands(ko!.text)).toEqual(commands(en!.text));
    expect(shellPresetOf(ko!.text)).toBe(shellPresetOf(en!.text));
    expect(shellOptionsOf(ko!.text)).toEqual(shellOptionsOf(en!.text));
  });
});

describe.each(withCommands.map((l) => [`${l.locale}/${l.slug}`, l] as const))('commands of %s', (_name, lesson) => {
  it('run in the simulator and print what the lesson shows', { timeout: 120_000 }, async () => {
    const preset = shellPresetOf(lesson.text);
    expect(
      preset,
      'a lesson with shell commands sets `shell: bare | istio | bookinfo` in its frontmatter',
    ).toBeDefined();
    const session = await sessionFor(lesson.text);
    try {
      for (const step of shownSteps(lesson.text)) {
        let printed = '';
        for (const command of step.commands) {
          const result = await session.run(command);
          printed += result.stdout + result.stderr;
          expect(result.exitCode, `line ${step.line}: \`${command}\` exited ${result.exitCode}\n${printed}`).toBe(0);
        }
        if (step.output !== undefined) {
          expect(
            outputMatches(step.output, printed),
            `line ${step.line}: the lesson shows\n${step.output}\nbut the simulator printed\n${printed}`,
          ).toBe(true);
        }
      }
    } finally {
      session.dispose();
    }
  });
});
