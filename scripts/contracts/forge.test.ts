import { describe, expect, it } from 'vitest';
import { forge } from './forge.ts';

// `npm test` stops on a failing forge test only if its exit status reaches npm: the forge package's own
// bin.mjs wrapper dropped it, and a failing fuzz case went unnoticed. A forge command that fails
// without compiling anything stands for the failing test here.
describe('forge', () => {
  it('passes on the status of a forge command that fails', () => {
    expect(forge(['config', '--no-such-flag'])).not.toBe(0);
  });

  it('passes on the status of a forge command that succeeds', () => {
    expect(forge(['config', '--json'])).toBe(0);
  });
});
