import { describe, expect, it } from 'vitest';
import { workspaceTree } from './tree';

describe('workspaceTree', () => {
  it('nests paths into directories the way WebContainer.mount expects', () => {
    expect(workspaceTree({ 'a.yaml': 'x', 'src/b.ts': 'y', 'src/lib/c.ts': 'z' })).toEqual({
      'a.yaml': { file: { contents: 'x' } },
      src: {
        directory: { 'b.ts': { file: { contents: 'y' } }, lib: { directory: { 'c.ts': { file: { contents: 'z' } } } } },
      },
    });
  });
  it('refuses a file where a directory is needed', () => {
    expect(() => workspaceTree({ src: 'x', 'src/b.ts': 'y' })).toThrow(/src is a file/);
  });
});
