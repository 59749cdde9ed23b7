import { describe, expect, it } from 'vitest';
import { factSlots } from './your-run';

describe('your-run slots', () => {
  it('turns each {check-id.fact} of rendered HTML into an empty slot the page fills', () => {
    expect(factSlots('<p>v2 <code>{canary-share.v2}</code> of {canary-share.pages}</p>')).toBe(
      '<p>v2 <code><span data-fact="canary-share.v2"></span></code> of <span data-fact="canary-share.pages"></span></p>',
    );
  });

  it('leaves braces that are not placeholders alone', () => {
    expect(factSlots('<p>{"json": 1} {Not.this} {a.b-c}</p>')).toBe('<p>{"json": 1} {Not.this} {a.b-c}</p>');
  });
});
