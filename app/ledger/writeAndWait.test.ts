import { createWalletClient, custom, encodeFunctionData, type Address } from 'viem';
import { sendTransaction } from 'viem/actions';
import { beforeAll, describe, expect, it } from 'vitest';
import { trustStoreAbi } from '@abi/TrustStore';
import type { LedgerWriteClient } from './_writeContract';
import { ContractRefusedError, UserRejectedError } from './errors';
import { localLedger } from './test/localLedger';
import { approveProposal, deployTrustStore, proposeAddMember } from './trustStore';
import { TransactionRevertedError, writeAndWait } from './writeAndWait';

const { publicClient, chain, wallet } = localLedger();
const member = wallet(1);

let address: Address;

describe('writeAndWait against a real anvil node', () => {
  beforeAll(async () => {
    ({ address } = await deployTrustStore(wallet(0), { members: [{ account: member.account.address, country: 'BR', name: 'member' }] }));
  });

  it('sends, waits until mined and returns the action result with the receipt', async () => {
    const sent: string[] = [];
    const mined = await writeAndWait(publicClient, {
      writer: member,
      action: proposeAddMember,
      params: { address, account: '0x000000000000000000000000000000000000dEaD', country: 'AR', name: 'x' },
      onSent: (hash) => sent.push(hash),
    });
    expect(mined.receipt.status).toBe('success');
    expect(sent).toEqual([mined.hash]);
    expect(mined.receipt.transactionHash).toBe(mined.hash);
    expect(typeof mined.proposalId).toBe('bigint');
  });

  it('throws the contract refusal of the simulation as a typed error, before sending', async () => {
    const sent: string[] = [];
    const refused = writeAndWait(publicClient, { writer: member, action: approveProposal, params: { address, id: 999n }, onSent: (h) => sent.push(h) });
    await expect(refused).rejects.toBeInstanceOf(ContractRefusedError);
    expect(sent).toEqual([]);
  });

  it('throws a TransactionRevertedError when the mined transaction reverted', async () => {
    // Sent without simulation and with a fixed gas limit, so that it reaches the ledger and reverts there.
    const unsimulated = (client: LedgerWriteClient, params: { id: bigint }) =>
      sendTransaction(client, {
        to: address,
        data: encodeFunctionData({ abi: trustStoreAbi, functionName: 'approve', args: [params.id] }),
        gas: 200_000n,
        account: client.account,
        chain: client.chain,
      }).then((hash) => ({ hash }));
    const reverted = writeAndWait(publicClient, { writer: member, action: unsimulated, params: { id: 999n } });
    await expect(reverted).rejects.toBeInstanceOf(TransactionRevertedError);
    await expect(reverted).rejects.toMatchObject({ messageKey: 'ledger.reverted', receipt: { status: 'reverted' } });
  });

  it('throws a UserRejectedError when the wallet rejects the request', async () => {
    // A wallet that answers reads through the node and rejects every transaction like a person would.
    const rejecting = createWalletClient({
      chain,
      account: member.account.address,
      transport: custom({
        request: async ({ method, params }: { method: string; params?: unknown }) => {
          if (method === 'eth_sendTransaction') throw Object.assign(new Error('User rejected the request.'), { code: 4001 });
          return publicClient.request({ method, params } as never);
        },
      }),
    });
    const rejected = writeAndWait(publicClient, {
      writer: rejecting,
      action: proposeAddMember,
      params: { address, account: '0x000000000000000000000000000000000000bEEF', country: 'AR', name: 'y' },
    });
    await expect(rejected).rejects.toBeInstanceOf(UserRejectedError);
    await expect(rejected).rejects.toMatchObject({ messageKey: 'ledger.userRejected' });
  });
});
