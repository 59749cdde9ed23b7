/**
 * Which Node grades, and what of meshdojo's install it may read. The grading process needs Node 24's permission
 * model, so it runs on the Node that package.json pins (the npm package `node`, whose binary its own package.json
 * names under `bin.node`: bin/node, or bin/node.exe on Windows), whichever Node runs the CLI (`npx meshdojo` puts
 * the pinned one first on PATH; `node bin/meshdojo.mjs` may be the system's Node 20). Without the pinned binary
 * (npm may skip the package's install script), the running Node serves if it is that major version or newer;
 * otherwise nothing is graded: code is never run outside the sandbox.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The root of meshdojo's install: the folder of its package.json. */
export const INSTALL_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export const PINNED_NODE_MAJOR = 24;

export type GradingNode =
  { readonly path: string; readonly pinned: boolean } | { readonly missing: true; readonly running: string };

interface RunningNode {
  readonly execPath: string;
  readonly version: string;
}

export function findGradingNode(root: string = INSTALL_ROOT, running: RunningNode = process): GradingNode {
  const pinned = pinnedNodeBinary(root);
  if (pinned !== undefined) return { path: pinned, pinned: true };
  const major = Number(/^v(\d+)\./.exec(running.version)?.[1] ?? 0);
  if (major >= PINNED_NODE_MAJOR) return { path: running.execPath, pinned: false };
  return { missing: true, running: running.version };
}

function pinnedNodeBinary(root: string): string | undefined {
  try {
    const manifest = createRequire(join(root, 'package.json')).resolve('node/package.json');
    const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: { node?: string } };
    const binary = bin?.node === undefined ? undefined : join(dirname(manifest), bin.node);
    return binary !== undefined && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the grading process may read: meshdojo's sources and package.json, and the node_modules its packages
 * resolve from (its own, or the one it is installed in, where npm hoists its dependencies), each also under its
 * real path when it is a link. Not the lab folder: the CLI reads it and hands the files over.
 */
export function readablePaths(root: string = INSTALL_ROOT): string[] {
  const paths = [join(root, 'src'), join(root, 'package.json')];
  const own = join(root, 'node_modules');
  if (existsSync(own)) paths.push(own);
  for (let dir = dirname(root); dir !== dirname(dir); dir = dirname(dir)) {
    if (basename(dir) === 'node_modules') {
      paths.push(dir);
      break;
    }
  }
  return [...new Set(paths.flatMap((path) => [path, realpathSync(path)]))];
}
