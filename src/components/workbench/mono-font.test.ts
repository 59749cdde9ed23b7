import { describe, expect, it } from 'vitest';
import { drawingFaces, faceCovers } from './mono-font';

const face = (unicodeRange: string) => ({ unicodeRange }) as FontFace;

describe('faceCovers', () => {
  it('finds a code point in a unicode-range of single points and spans', () => {
    const slice = face('U+23, U+25, U+5F, U+AC08-AC0F, U+FF03-FF05');
    expect(faceCovers(slice, new Set([0xac0a]))).toBe(true);
    expect(faceCovers(slice, new Set([0x41, 0x5f]))).toBe(true);
    expect(faceCovers(slice, new Set([0xac10, 0x2026]))).toBe(false);
    expect(faceCovers(slice, new Set())).toBe(false);
  });
});

describe('drawingFaces', () => {
  it('gives each character the last declared face that holds it, as CSS draws it', () => {
    const korean = face('U+5F, U+AC00-AC0F');
    const latin = face('U+0-FF, U+2026');
    expect(drawingFaces([korean, latin], 'a_b')).toEqual([latin]);
    expect(drawingFaces([korean, latin], '가_…')).toEqual([korean, latin]);
    expect(drawingFaces([latin, korean], '_')).toEqual([korean]);
    expect(drawingFaces([korean, latin], '\u{1F600}')).toEqual([]);
  });
});
