// The program a WebContainer runs for the lab terminal (src/runtime/node/mesh-shell.ts), bundled into one
// ES module for Node: the build writes it to dist/webcontainer/, and the payload test runs the same bundle
// under real Node (WebContainers cannot boot without internet).
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const PAYLOAD_PATH = '/webcontainer/meshdojo-shell.mjs';
const ENTRY = fileURLToPath(new URL('../../src/runtime/node/mesh-shell.ts', import.meta.url));

/** The bundled program's text. */
export async function bundleMeshShell() {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    // Not `platform: 'node'`: that picks packages' Node entries, which load helpers at run time from a
    // node_modules the payload does not have. Their plain ESM entries bundle completely.
    platform: 'neutral',
    mainFields: ['module', 'main'],
    format: 'esm',
    minify: true,
    write: false,
    logLevel: 'silent',
    // Node's own modules; just-bash's optional native compressors (absent in a WebContainer; it works without).
    external: [
      '@mongodb-js/zstd',
      'node-liblzma',
      'node:*',
      ...['fs', 'path', 'os', 'url', 'zlib', 'crypto', 'module', 'util', 'stream', 'events', 'buffer'],
      ...['child_process', 'worker_threads', 'readline', 'tty'],
    ],
    banner: {
      js: "import { createRequire as __meshdojoRequire } from 'node:module'; const require = __meshdojoRequire(import.meta.url);",
    },
  });
  return result.outputFiles[0].text;
}

/** Writes the bundle into the built site at the end of every build. */
export function webcontainerPayloadIntegration() {
  return {
    name: 'meshdojo:webcontainer-payload',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const target = new URL(`.${PAYLOAD_PATH}`, dir);
        await mkdir(new URL('.', target), { recursive: true });
        await writeFile(target, await bundleMeshShell());
      },
    },
  };
}
