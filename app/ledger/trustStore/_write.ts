import type { ContractFunctionArgs, ContractFunctionName } from 'viem';
import { peerTrustAbi } from '@abi/PeerTrust';
import { rootCertificateReaderAbi } from '@abi/RootCertificateReader';
import { trustStoreAbi } from '@abi/TrustStore';
import { _writeContract, type LedgerWriteClient, type WriteContractReturnType } from '../_writeContract';

/**
 * The TrustStore's ABI with the errors of the contracts it deploys: a malformed proposed anchor reverts
 * in the RootCertificateReader (`Der__*`, `X509__*`), a refused peering in the PeerTrust (`PeerTrust__*`),
 * and the TrustStore passes the error on unchanged.
 */
export const trustStoreErrorsAbi = [
  ...trustStoreAbi,
  ...rootCertificateReaderAbi.filter((item) => item.type === 'error'),
  ...peerTrustAbi.filter((item) => item.type === 'error'),
] as const;

type TrustStoreAbi = typeof trustStoreErrorsAbi;

export type WriteClient = LedgerWriteClient;

/** A TrustStore transaction, simulated first so that a refusal names the contract's custom error. */
export function _writeTrustStore<
  const name extends ContractFunctionName<TrustStoreAbi, 'nonpayable'>,
  const args extends ContractFunctionArgs<TrustStoreAbi, 'nonpayable', name>,
>(client: WriteClient, address: `0x${string}`, functionName: name, args: args): Promise<WriteContractReturnType<TrustStoreAbi, name, args>> {
  return _writeContract(client, { abi: trustStoreErrorsAbi, address, functionName, args });
}
