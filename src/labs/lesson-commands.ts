/**
 * Reads the shell sessions a lesson shows, so the test suite can replay them against the simulator.
 *
 * A lesson shows commands in ```sh / ```bash blocks (one command per line; a trailing `\` continues it, and a
 * here-document such as `kubectl apply -f - <<EOF` runs to its delimiter's line) and
 * what they print in a ```text block right after; or in a ```console block where `$ ` starts a command and
 * the lines up to the next `$ ` are its output. In shown output, `…` stands for any text on that line (pod
 * hashes, ages, addresses), and runs of spaces match any run of spaces (so columns may be re-aligned).
 * The frontmatter field `shell: bare | istio | bookinfo` names the cluster the commands start on, and
 * `kubeconfig: false` starts them without `~/.kube/config` (the lessons where the learner makes it);
 * `awaitLoadBalancers: false` lets a command return while a load balancer is still `<pending>` (lesson 2.4).
 */

export interface ShownStep {
  /** The commands of one block, in order. */
  readonly commands: readonly string[];
  /** What they print together, when the lesson shows it. */
  readonly output?: string;
  /** 1-based line of the block in the lesson, for failure messages. */
  readonly line: number;
}

export type ShellPreset = 'bare' | 'istio' | 'bookinfo';

const FENCE = /^(`{3,}|~{3,})\s*([\w-]*)[^\n]*$/;
const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console']);

interface Block {
  readonly lang: string;
  readonly body: string[];
  readonly line: number;
}

function blocksOf(mdx: string): Block[] {
  const lines = mdx.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '');
    if (open === null) continue;
    const [, fence = '', lang = ''] = open;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j] ?? '').startsWith(fence)) body.push(lines[j++] ?? '');
    blocks.push({ lang, body, line: i + 1 });
    i = j;
  }
  return blocks;
}

// `<<EOF`, `<<'EOF'`, `<<-EOF`: the delimiter a here-document ends at.
const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_]\w*)\1/;

function joinContinuations(lines: readonly string[]): string[] {
  const commands: string[] = [];
  let pending = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const heredoc = HEREDOC.exec(line);
    if (heredoc !== null) {
      // A here-document's lines belong to the command that opens it, blank lines and `#` lines included, as a
      // shell reads them; the command ends with the delimiter's own line.
      const body = [`${pending}${line}`.trim()];
      while (i + 1 < lines.length && (lines[i] ?? '').trim() !== heredoc[2]) body.push(lines[++i] ?? '');
      commands.push(body.join('\n'));
      pending = '';
      continue;
    }
    if (line.endsWith('\\')) pending += `${line.slice(0, -1)}`;
    else {
      commands.push(`${pending}${line}`.trim());
      pending = '';
    }
  }
  return commands;
}

/** Every shell step of a lesson, in order. */
export function shownSteps(mdx: string): ShownStep[] {
  const blocks = blocksOf(mdx);
  const steps: ShownStep[] = [];
  for (const [i, block] of blocks.entries()) {
    if (!SHELL_LANGS.has(block.lang)) continue;
    if (block.lang === 'console') {
      steps.push(...consoleSteps(block));
      continue;
    }
    const next = blocks[i + 1];
    const output =
      next?.lang === 'text' && next.line - (block.line + block.body.length + 1) <= 2 ? next.body.join('\n') : undefined;
    steps.push({ commands: joinContinuations(block.body), line: block.line, ...(output !== undefined && { output }) });
  }
  return steps;
}

function consoleSteps(block: Block): ShownStep[] {
  const steps: { commands: string[]; output: string[]; line: number }[] = [];
  for (const [k, line] of block.body.entries()) {
    if (line.startsWith('$ ')) steps.push({ commands: [line.slice(2)], output: [], line: block.line + k + 1 });
    else steps.at(-1)?.output.push(line);
  }
  return steps.map((s) => ({ commands: s.commands, output: s.output.join('\n'), line: s.line }));
}

/** The `shell:` frontmatter field, if the lesson sets one. */
export function shellPresetOf(mdx: string): ShellPreset | undefined {
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(mdx)?.[1] ?? '';
  const value = /^shell:\s*["']?(\w+)["']?\s*$/m.exec(frontmatter)?.[1];
  return value === 'bare' || value === 'istio' || value === 'bookinfo' ? value : undefined;
}

/** The `kubeconfig:` and `awaitLoadBalancers:` frontmatter fields: each true unless the lesson says false. */
export function shellOptionsOf(mdx: string): { kubeconfig: boolean; awaitLoadBalancers: boolean } {
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(mdx)?.[1] ?? '';
  return {
    kubeconfig: !/^kubeconfig:\s*false\s*$/m.test(frontmatter),
    awaitLoadBalancers: !/^awaitLoadBalancers:\s*false\s*$/m.test(frontmatter),
  };
}

function normalize(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

/** Whether `actual` is what the lesson shows (see the module comment for `…` and spacing). */
export function outputMatches(shown: string, actual: string): boolean {
  const want = shown.split('\n').map(normalize);
  const got = actual.replace(/\n$/, '').split('\n').map(normalize);
  while (want.at(-1) === '') want.pop();
  while (got.at(-1) === '') got.pop();
  if (want.length !== got.length) return false;
  return want.every((line, i) => {
    const pattern = line
      .split('…')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*?');
    return new RegExp(`^${pattern}$`).test(got[i] ?? '');
  });
}
