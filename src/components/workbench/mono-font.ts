// The course's monospace fonts for the two widgets that take a font-family string instead of CSS: Monaco and
// xterm.js. Both measure characters and lay every line out in cells of that size, so they must measure the
// face they will draw with (src/styles/theme.css names it; src/styles/fonts.css serves it).

/** The editor's and the terminal's font size, in CSS pixels. */
export const MONO_FONT_SIZE = 14;

let family: string | undefined;

/**
 * Nanum Gothic Coding, then the system's monospace fonts: Starlight's `--__sl-font-mono`. Read once: reading a
 * computed style brings the whole page's style up to date, which costs most while the widgets are mounting.
 */
export function monoFontFamily(): string {
  family ??= getComputedStyle(document.documentElement).getPropertyValue('--__sl-font-mono').trim() || 'monospace';
  return family;
}

/**
 * Every printable ASCII character, and the ellipsis our messages end with: what the widgets draw before anything
 * else, so what they measure their cells on.
 */
const LATIN_TEXT = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('') + '\u2026';

/**
 * Slices of the monospace face this page has loaded (`<weight> <style> <unicode-range>`): a slice is the same
 * slice in the new FontFace object Chromium makes for it whenever the document's style sheets change (it reloads
 * from the cache and fires `loadingdone` again), which adding a widget's styles does.
 */
const arrived = new Set<string>();

const unquote = (name: string) => name.trim().replace(/^['"]|['"]$/g, '');
const sliceKey = (face: FontFace) => `${face.weight} ${face.style} ${face.unicodeRange}`;

/** True when `face` is a slice of the monospace face not seen before (and now remembered). */
function isNewSlice(face: FontFace): boolean {
  const slice = sliceKey(face);
  if (unquote(face.family) !== unquote(monoFontFamily().split(',')[0]!) || arrived.has(slice)) return false;
  arrived.add(slice);
  return true;
}

const WEIGHTS = ['400', '700'] as const;

/**
 * The slices of the monospace face that draw `text`, in both weights (the terminal's prompt is bold). Nanum Gothic
 * Coding's Korean slices carry a few ASCII characters too (`_`, digits, `H`, `<`…), but its Latin slice comes
 * last and draws them all (see drawingFaces); `document.fonts.load()` would fetch and decode every slice that
 * holds one of them, eight more per weight, which the page never draws with.
 */
function slicesFor(text: string): FontFace[] {
  const family = unquote(monoFontFamily().split(',')[0]!);
  const faces = [...document.fonts].filter((face) => unquote(face.family) === family && face.style === 'normal');
  return WEIGHTS.flatMap((weight) =>
    drawingFaces(
      faces.filter((face) => face.weight === weight),
      text,
    ),
  );
}

/**
 * True when one of `faces` is a slice that draws a character of `text`. A slice that merely holds one does not
 * count: the Korean slices that also hold `…` arrive with the editor's Hangul, but the Latin slice draws it.
 */
export function drawsText(faces: readonly FontFace[], text: string): boolean {
  const drawing = new Set(slicesFor(text).map(sliceKey));
  return faces.some((face) => drawing.has(sliceKey(face)));
}

/**
 * For each character of `text`, the face CSS draws it with among `faces` (one family, weight and style, in the
 * order they were declared): the last one whose unicode-range holds it, as CSS checks faces whose ranges overlap
 * from the last declared back. Each face once.
 */
export function drawingFaces(faces: readonly FontFace[], text: string): FontFace[] {
  const lastFirst = [...faces].reverse();
  const drawing = new Set<FontFace>();
  for (const point of new Set(Array.from(text, (char) => char.codePointAt(0)!))) {
    const face = lastFirst.find((candidate) => faceCovers(candidate, new Set([point])));
    if (face) drawing.add(face);
  }
  return [...drawing];
}

/**
 * Resolves once every slice of the monospace face that Latin text and `text` are drawn with is loaded: a widget
 * measured before that would measure again as each slice arrives. A face that cannot load leaves the fallbacks,
 * so this never rejects.
 */
export async function monoFontLoaded(text = ''): Promise<void> {
  const slices = slicesFor(LATIN_TEXT + text);
  await Promise.all(slices.map((slice) => slice.load().catch(() => slice)));
  slices.forEach(isNewSlice);
}

/** True when monoFontLoaded(text) has nothing left to load. */
export function monoFontIsLoaded(text = ''): boolean {
  return slicesFor(LATIN_TEXT + text).every((slice) => slice.status === 'loaded');
}

/**
 * Calls `listener` with the slices of the monospace face that arrive from now on, each slice once. Its Hangul
 * comes in slices, each loaded the first time a page shows one of its syllables, so a widget that measured such a
 * syllable a moment earlier measured a fallback glyph. Returns the unsubscribe function.
 */
export function onMonoFontFaceLoaded(listener: (faces: readonly FontFace[]) => void): () => void {
  document.fonts.forEach((face) => face.status === 'loaded' && isNewSlice(face));
  const onLoaded = (event: FontFaceSetLoadEvent) => {
    const faces = event.fontfaces.filter(isNewSlice);
    if (faces.length > 0) listener(faces);
  };
  document.fonts.addEventListener('loadingdone', onLoaded);
  return () => document.fonts.removeEventListener('loadingdone', onLoaded);
}

/** True when `face`'s unicode-range (`U+AC00-AC0F, U+20`) holds one of `codePoints`. */
export function faceCovers(face: FontFace, codePoints: ReadonlySet<number>): boolean {
  return rangesOf(face).some(([low, high]) => {
    for (const point of codePoints) if (point >= low && point <= high) return true;
    return false;
  });
}

/** Each face's unicode-range as [low, high] pairs, read once: a character's slice is looked for among ~50 faces. */
const ranges = new WeakMap<FontFace, ReadonlyArray<readonly [number, number]>>();
function rangesOf(face: FontFace): ReadonlyArray<readonly [number, number]> {
  let pairs = ranges.get(face);
  if (pairs === undefined) {
    pairs = face.unicodeRange.split(',').map((range) => {
      const [from = '', to = from] = range.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(from, 16), parseInt(to, 16)] as const;
    });
    ranges.set(face, pairs);
  }
  return pairs;
}
