// The course's monospace fonts for the two widgets that take a font-family string instead of CSS: Monaco and
// xterm.js. Both measure characters and lay every line out in cells of that size, so they must measure the
// face they will draw with (src/styles/theme.css names it; src/styles/fonts.css serves it).

/** Nanum Gothic Coding, then the system's monospace fonts: Starlight's `--__sl-font-mono`. */
export function monoFontFamily(): string {
  return getComputedStyle(document.documentElement).getPropertyValue('--__sl-font-mono').trim() || 'monospace';
}

/**
 * Resolves once the Latin glyphs of the monospace face are loaded at `sizePx`. A face that cannot load leaves
 * the fallbacks, so this never rejects.
 */
export async function monoFontLoaded(sizePx: number): Promise<void> {
  await document.fonts.load(`${sizePx}px ${monoFontFamily()}`, 'W_').catch(() => []);
}

/**
 * Calls `listener` each time more of the monospace face arrives. Its Hangul comes in slices, each loaded the
 * first time a page shows one of its syllables, so a widget that measured such a syllable a moment earlier
 * measured a fallback glyph. A slice counts once: Chromium rebuilds every @font-face (new FontFace objects,
 * another `loadingdone`) whenever the document's adopted style sheets change, which measuring again does.
 * Returns the unsubscribe function.
 */
export function onMonoFontFaceLoaded(listener: () => void): () => void {
  const unquote = (name: string) => name.trim().replace(/^['"]|['"]$/g, '');
  const family = unquote(monoFontFamily().split(',')[0]!);
  const arrived = new Set<string>();
  const onLoaded = (event: FontFaceSetLoadEvent) => {
    let more = false;
    for (const face of event.fontfaces) {
      const slice = `${face.weight} ${face.style} ${face.unicodeRange}`;
      if (unquote(face.family) !== family || arrived.has(slice)) continue;
      arrived.add(slice);
      more = true;
    }
    if (more) listener();
  };
  document.fonts.addEventListener('loadingdone', onLoaded);
  return () => document.fonts.removeEventListener('loadingdone', onLoaded);
}
