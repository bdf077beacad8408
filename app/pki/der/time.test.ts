import { describe, expect, it } from 'vitest';
import { generatePath } from '../__fixtures__/generate';
import { parseDer, readTime } from './asn1';
import { buildPath, InvalidTimeError, validatePath } from '../index';

const time = (tag: number, text: string) => readTime(parseDer(new Uint8Array([tag, text.length, ...new TextEncoder().encode(text)])));
const UTC = 0x17;
const GENERALIZED = 0x18;

describe('validation time', () => {
  it('refuses an invalid Date in validatePath and buildPath with a typed error', async () => {
    const { path, leaf, root } = await generatePath('P-256', 3);
    const chain = path.map((p) => p.certificate);
    for (const bad of [new Date(NaN), new Date('notadate')]) {
      await expect(validatePath({ path: chain, time: bad })).rejects.toThrow(InvalidTimeError);
      await expect(buildPath({ target: leaf.certificate, intermediates: [chain[1]!], trustAnchors: [root.certificate], time: bad })).rejects.toMatchObject({ name: 'InvalidTimeError', messageKey: 'pki.time.invalid' });
    }
    expect((await validatePath({ path: chain, time: new Date('2030-01-01T00:00:00Z') })).valid).toBe(true);
  });

  it('reads UTCTime YYMMDDHHMMSSZ and GeneralizedTime YYYYMMDDHHMMSSZ only, on real calendar dates', () => {
    expect(time(UTC, '250228235959Z')?.toISOString()).toBe('2025-02-28T23:59:59.000Z');
    expect(time(UTC, '490101000000Z')?.toISOString()).toBe('2049-01-01T00:00:00.000Z');
    expect(time(UTC, '500101000000Z')?.toISOString()).toBe('1950-01-01T00:00:00.000Z');
    expect(time(GENERALIZED, '20500101000000Z')?.toISOString()).toBe('2050-01-01T00:00:00.000Z');
    expect(time(UTC, '240229120000Z')?.toISOString()).toBe('2024-02-29T12:00:00.000Z');
    expect(time(GENERALIZED, '20520229120000Z')?.toISOString()).toBe('2052-02-29T12:00:00.000Z');
    // Through 2049 a date is a UTCTime: the GeneralizedTime spelling is a second encoding.
    expect(time(GENERALIZED, '20490101000000Z')).toBeUndefined();
    for (const bad of ['20550101000000.5Z', '20550101000000.000Z', '20550230000000Z', '20530229000000Z', '20550101240000Z', '20551301000000Z', '20550431000000Z', '20550101000060Z', '205501010000Z', '20550101000000+0000', '20550100000000Z'])
      expect(time(GENERALIZED, bad), bad).toBeUndefined();
    for (const bad of ['250230000000Z', '250101240000Z', '251301000000Z', '2501010000Z', '250101000000+0000', '250101000000.1Z'])
      expect(time(UTC, bad), bad).toBeUndefined();
  });
});
