import { QueryClient } from '@tanstack/react-query';
import { createPublicClient, custom, encodeFunctionResult, zeroHash, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { identityRegistryAbi } from '@abi/IdentityRegistry';
import { embeddedLedger } from '../networks';
import { identityQueryOptions } from './queries';

const registry = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const account = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';

/** A node whose IdentityRegistry answers `identityOf` with what the contract returns for an account with no binding. */
function nodeWithoutBinding() {
  const none = encodeFunctionResult({
    abi: identityRegistryAbi,
    functionName: 'identityOf',
    result: { certificateHash: zeroHash, keyHash: zeroHash, derHash: zeroHash, anchorHash: zeroHash, country: '0x0000', keyType: 0, notBefore: 0n, notAfter: 0n, registeredAt: 0n, key: '0x', exponent: '0x', path: [] },
  });
  return createPublicClient({
    chain: embeddedLedger,
    transport: custom({
      async request({ method }: { method: string }): Promise<Hex> {
        if (method === 'eth_call') return none;
        if (method === 'eth_chainId') return '0x7a69';
        throw new Error(`unexpected ${method}`);
      },
    }),
  });
}

describe('identityQueryOptions', () => {
  it('resolves to null, not an error, for an account that has no identity yet', async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const options = identityQueryOptions(nodeWithoutBinding(), { chainId: embeddedLedger.id, address: registry, account });
    await expect(queryClient.fetchQuery(options)).resolves.toBeNull();
    expect(queryClient.getQueryState(options.queryKey)?.status).toBe('success');
  });
});
