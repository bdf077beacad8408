// Gathers a recorded transaction's evidence from the ledger (its TransactionSigned events, the
// registered certificates, the Trust Store's anchors) and writes the bundle (`@/pki` createEvidenceBundle).
// The transaction page and the evidence tests both use this, so a test checks the bundle people download.
import { hexToBytes, type Address, type Client, type Hex } from 'viem';
import { getAnchors, getBlockTime, getIdentityHistory, getLatestBlockNumber, getTransaction, getTransactionHistory, LedgerError, signTypedDataOf } from '@/ledger';
import { buildPath, createEvidenceBundle, parseCertificate, type CreateEvidenceBundleParameters } from '@/pki';
import { timestampOver } from './timestamp';

export type GetEvidenceBundleParameters = {
  readonly chainId: number;
  readonly transactionRegistry: Address;
  readonly identityRegistry: Address;
  readonly trustStore: Address;
  readonly id: bigint;
  /** Where the registries' event history starts. */
  readonly fromBlock?: bigint;
  /**
   * Signature timestamps this browser obtained (the ledger does not record them), by party index: each is
   * added to its party's .p7s when it is a token over the recorded signature, and left out otherwise.
   */
  readonly signatureTimestampOf?: (partyIndex: number) => Uint8Array | undefined;
};

/** The evidence bundle (a tar file) of transaction `id`, read at the latest block. */
export async function getEvidenceBundle(client: Client, params: GetEvidenceBundleParameters): Promise<Uint8Array> {
  const block = await getLatestBlockNumber(client);
  const [transaction, history, identities, anchors] = await Promise.all([
    getTransaction(client, { address: params.transactionRegistry, id: params.id }),
    getTransactionHistory(client, { address: params.transactionRegistry, id: params.id, fromBlock: params.fromBlock }),
    getIdentityHistory(client, { address: params.identityRegistry, fromBlock: params.fromBlock }),
    getAnchors(client, { address: params.trustStore, offset: 0n, limit: 500n }),
  ]);
  if (!transaction) throw new LedgerError('No transaction has this id.', { details: String(params.id), messageKey: 'ledger.unknownTransaction' });
  const certificates = new Map<string, Hex>();
  const intermediates: Uint8Array[] = [];
  for (const event of identities) {
    if (event.eventName === 'IdentityRegistered') certificates.set(event.args.certificateHash!.toLowerCase(), event.args.certificate!);
    if (event.eventName === 'IntermediateVerified') intermediates.push(hexToBytes(event.args.certificate!));
  }
  const [pool, trustAnchors] = await Promise.all([Promise.all(intermediates.map(parseCertificate)), Promise.all(anchors.map((a) => parseCertificate(hexToBytes(a.der))))]);
  const parties: CreateEvidenceBundleParameters['parties'][number][] = [];
  for (const event of history) {
    if (event.eventName !== 'TransactionSigned') continue;
    const args = event.args as { partyIndex: bigint; account: Hex; certificateHash: Hex; nonce: bigint; digest: Hex; signedAttributes: Hex; signature: Hex };
    const signedAt = new Date(Number(await getBlockTime(client, { blockHash: event.blockHash! })) * 1000);
    const certificate = certificates.get(args.certificateHash.toLowerCase());
    const path = certificate ? await buildPath({ target: await parseCertificate(hexToBytes(certificate)), intermediates: pool, trustAnchors, time: signedAt }) : undefined;
    if (!certificate || !path?.valid) {
      throw new LedgerError('The ledger holds no valid certificate path for a signature of this transaction.', {
        details: `party ${args.partyIndex + 1n}, certificate ${args.certificateHash}`,
        messageKey: 'transactions.evidence.noPath',
        params: { party: String(args.partyIndex + 1n) },
      });
    }
    const signature = hexToBytes(args.signature);
    const signatureTimestamp = await timestampOver(params.signatureTimestampOf?.(Number(args.partyIndex)), signature);
    parties.push({
      ...(signatureTimestamp ? { signatureTimestamp } : {}),
      partyIndex: Number(args.partyIndex),
      account: args.account,
      certificateHash: args.certificateHash,
      nonce: args.nonce.toString(),
      digest: args.digest,
      block: event.blockNumber!.toString(),
      signedAt: signedAt.toISOString(),
      signedAttributes: hexToBytes(args.signedAttributes),
      signature,
      certificate: path.path[0]!.der,
      intermediates: path.path.slice(1, -1).map((c) => c.der),
      anchor: path.path.at(-1)!.der,
      typedData: signTypedDataOf({
        chainId: params.chainId,
        verifyingContract: params.transactionRegistry,
        transactionId: params.id,
        partyIndex: args.partyIndex,
        wallet: args.account,
        transaction,
        identity: args.certificateHash,
        nonce: args.nonce,
      }),
    });
  }
  return createEvidenceBundle({
    chainId: params.chainId,
    transactionRegistry: params.transactionRegistry,
    identityRegistry: params.identityRegistry,
    trustStore: params.trustStore,
    transactionId: params.id.toString(),
    payloadHash: transaction.payloadHash,
    block: block.toString(),
    parties,
  });
}
