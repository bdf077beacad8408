import { describe, expect, it } from 'vitest';
import { EnvironmentError, parseEnvironment } from './env';

describe('parseEnvironment', () => {
  it('offers WalletConnect only with a well-formed project id', () => {
    expect(parseEnvironment({}).walletConnectProjectId).toBeUndefined();
    expect(parseEnvironment({ VITE_WALLETCONNECT_PROJECT_ID: '  ' }).walletConnectProjectId).toBeUndefined();
    expect(parseEnvironment({ VITE_WALLETCONNECT_PROJECT_ID: '0123456789abcdef0123456789ABCDEF' }).walletConnectProjectId).toBe('0123456789abcdef0123456789ABCDEF');
    expect(() => parseEnvironment({ VITE_WALLETCONNECT_PROJECT_ID: 'not-an-id' })).toThrow(EnvironmentError);
  });
});
