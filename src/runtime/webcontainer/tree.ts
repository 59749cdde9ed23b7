/** A WebContainer file tree, spelled out here so only webcontainer-runtime.ts imports @webcontainer/api. */
export interface Tree {
  [name: string]: { file: { contents: string } } | { directory: Tree };
}

/** The learner's files as a WebContainer tree (`src/a.ts` → `{ src: { directory: { 'a.ts': … } } }`). */
export function workspaceTree(files: Record<string, string>): Tree {
  const root: Tree = {};
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/').filter(Boolean);
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      const node = (dir[part] ??= { directory: {} });
      if (!('directory' in node)) throw new Error(`${path}: ${part} is a file`);
      dir = node.directory;
    }
    dir[parts.at(-1)!] = { file: { contents } };
  }
  return root;
}
