import { describe, expect, it } from 'vitest';
import { base64Decode } from '@/pki';
import { WARMUP_PKCS12, warmPkcs12Opener } from './pkcs12Warmup';

const file = () => base64Decode(WARMUP_PKCS12);

describe('warmPkcs12Opener', () => {
  it('opens the OpenSSL-made warm-up file and finds its known certificate', async () => {
    expect(await warmPkcs12Opener()).toBe(true);
  });

  it('answers false when the file does not open as known (wrong password, altered bytes)', async () => {
    expect(await warmPkcs12Opener({ password: 'not-the-password' })).toBe(false);
    const altered = file();
    altered[altered.length - 40]! ^= 0x01; // inside the MAC
    expect(await warmPkcs12Opener({ data: altered })).toBe(false);
  });
});
