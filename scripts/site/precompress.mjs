// Brotli and gzip copies of the built site's text files (x.js → x.js.br, x.js.gz), written once at build so the
// server (scripts/serve.mjs, sirv) sends them to browsers that accept them without compressing per request.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Text and other files that shrink. Fonts in WOFF/WOFF2, images and Pagefind's index (already gzipped) do not.
 * codicon.ttf is Monaco's icon font, an uncompressed TrueType file.
 */
export const COMPRESSIBLE = /\.(?:html|js|mjs|css|json|svg|xml|txt|ttf|map|webmanifest)$/;

/**
 * Brotli quality 9, not the maximum 11: on this site 11 gives files 9 % smaller but takes about twelve times as
 * long (49 s instead of 4 s on two cores), and the first `npm start` waits for the build.
 */
const BROTLI_QUALITY = 9;

async function filesUnder(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Writes `<file>.br` and `<file>.gz` next to every compressible file under `dir`, each only when it is smaller
 * than the file itself (a tiny file can grow). Returns what it did, for the build's log.
 */
export async function precompress(dir) {
  const files = (await filesUnder(dir)).filter((file) => COMPRESSIBLE.test(file));
  const totals = { files: 0, bytes: 0, brotli: 0, gzip: 0 };
  await Promise.all(
    files.map(async (file) => {
      const data = await readFile(file);
      const [br, gz] = await Promise.all([
        brotli(data, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        }),
        gzipAsync(data, { level: 9 }),
      ]);
      if (br.length < data.length) await writeFile(`${file}.br`, br);
      if (gz.length < data.length) await writeFile(`${file}.gz`, gz);
      totals.files += 1;
      totals.bytes += data.length;
      totals.brotli += Math.min(br.length, data.length);
      totals.gzip += Math.min(gz.length, data.length);
    }),
  );
  return totals;
}

/**
 * Precompresses dist/ at the end of every build. It must come after every integration that rewrites a built
 * file (the CSP hashes, the early Worker's URL), or its copies would hold the file as it was before.
 */
export function precompressIntegration() {
  return {
    name: 'meshdojo:precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const { files, bytes, brotli: br, gzip: gz } = await precompress(fileURLToPath(dir));
        const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
        logger.info(`${files} files, ${mb(bytes)}: brotli ${mb(br)}, gzip ${mb(gz)}`);
      },
    },
  };
}
