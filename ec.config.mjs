// Expressive Code reads each block's language (for its copy button and "Terminal window") from the file it is
// in. Starlight's reading expects src/content/docs/<locale>/; our lessons are content/<locale>/… and a lab's
// steps are <step>.<locale>.md, so without this every block spoke the default locale, Korean.
import { defineEcConfig } from 'astro-expressive-code';

const LOCALE_IN_PATH = /\/content\/(ko|en)\/|\.(ko|en)\.mdx?$/;

export default defineEcConfig({
  getBlockLocale: ({ file }) => {
    const match = LOCALE_IN_PATH.exec(file.path);
    return match?.[1] ?? match?.[2] ?? 'ko';
  },
});
