// Expressive Code's own words on code blocks (the copy button, "Terminal window") in English on English pages.
// Starlight translates them from its UI strings, and its English has none of them (Expressive Code's defaults are
// English); with Korean as the default locale, i18next then fell back to Korean, and English pages said "복사".
import { pluginFramesTexts } from 'astro-expressive-code';

/** The Starlight UI-string keys Starlight hands to Expressive Code, by Expressive Code's own text id. */
const KEYS = ['copyButtonCopied', 'copyButtonTooltip', 'terminalWindowFallbackTitle'];

/** A Starlight plugin giving English the Expressive Code defaults, so no fallback to the default locale applies. */
export function codeBlockStringsPlugin() {
  return {
    name: 'meshdojo:code-block-strings',
    hooks: {
      // Starlight requires this hook of every plugin; this one has nothing to configure.
      'config:setup'() {},
      'i18n:setup'({ injectTranslations }) {
        const english = pluginFramesTexts.get('en');
        injectTranslations({ en: Object.fromEntries(KEYS.map((key) => [`expressiveCode.${key}`, english[key]])) });
      },
    },
  };
}
