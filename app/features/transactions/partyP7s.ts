// A party's .p7s from the record page: rebuilt from what the ledger recorded, with the signature
// timestamp this browser obtained when that party signed here (the ledger does not keep it), so the
// single file carries the AD-RT timestamp as the evidence bundle does.
import { buildP7s } from '@/pki';
import { timestampOver } from '@/shared';

export type PartyP7sParameters = {
  readonly signedAttributes: Uint8Array;
  readonly signature: Uint8Array;
  readonly certificate: Uint8Array;
  /** The rest of the certification path (DER), the anchor last. */
  readonly certificates: readonly Uint8Array[];
  /** The token this browser kept for the party (timestamps.ts); carried only when it is over this signature. */
  readonly storedTimestamp: Uint8Array | undefined;
};

export async function partyP7s(parameters: PartyP7sParameters): Promise<Uint8Array> {
  const signatureTimestamp = await timestampOver(parameters.storedTimestamp, parameters.signature);
  return buildP7s({
    signedAttributes: parameters.signedAttributes,
    signature: parameters.signature,
    certificate: parameters.certificate,
    certificates: parameters.certificates,
    ...(signatureTimestamp ? { signatureTimestamp } : {}),
  });
}
