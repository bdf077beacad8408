import { parseAbi, type Address, type Client, type Hex } from 'viem';
import { _readContract } from '../_readContract';

// The read side of the fixed interface contracts/src/interfaces/ILedgerLightClient.sol.
export const ledgerLightClientReadAbi = parseAbi([
  'struct ProvenHeader { uint64 number; uint64 timestamp; bytes32 stateRoot; }',
  'function latestHeader(bytes32 ledgerId) view returns (ProvenHeader)',
]);

export type ProvenHeader = { readonly number: bigint; readonly timestamp: bigint; readonly stateRoot: Hex };

/** The newest header of peer ledger `ledgerId` this ledger's light client accepted (reverts when unknown). */
export async function getLatestHeader(client: Client, params: { readonly address: Address; readonly ledgerId: Hex }): Promise<ProvenHeader> {
  return _readContract(client, { address: params.address, abi: ledgerLightClientReadAbi, functionName: 'latestHeader', args: [params.ledgerId] });
}
