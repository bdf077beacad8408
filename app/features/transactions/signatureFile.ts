// The verifier's drop on the record page: a party's .p7s, or the evidence bundle, checked against what
// the ledger recorded for this transaction (the digests each party signed and their certificates).
import { hexToBytes, type Hex } from 'viem';
import { parseCertificate, readEvidenceBundle, verifyCmsSignature, verifyEvidenceBundle } from '@/pki';

export type RecordedSignatures = {
  readonly chainId: number;
  readonly transactionRegistry: string;
  readonly transactionId: bigint;
  readonly parties: readonly { readonly partyIndex: number; readonly digest: Hex; readonly certificateHash: Hex }[];
};

export type SignatureFileCheck =
  /** A .p7s: the party whose recorded signature it is, if any. */
  | { readonly kind: 'p7s'; readonly partyIndex: number | undefined }
  /** An evidence bundle: whether it is this record's and every check holds; `failure` is the first check that did not (English detail). */
  | { readonly kind: 'bundle'; readonly ok: boolean; readonly count: number; readonly otherRecord: boolean; readonly failure: string | undefined };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Checks a dropped file; CMS parsing errors (malformed, over a limit) are thrown as the engine's typed errors. */
export async function checkSignatureFile(bytes: Uint8Array, record: RecordedSignatures): Promise<SignatureFileCheck> {
  // A DER .p7s starts with a SEQUENCE; anything else is read as a ustar evidence bundle.
  if (bytes[0] !== 0x30) {
    const bundle = readEvidenceBundle(bytes);
    const facts = bundle.record;
    const otherRecord =
      facts.chainId !== record.chainId ||
      !same(facts.transactionRegistry, record.transactionRegistry) ||
      facts.transactionId !== record.transactionId.toString() ||
      !facts.parties.every((p) => record.parties.some((r) => r.partyIndex === p.partyIndex && same(r.digest, p.digest) && same(r.certificateHash, p.certificateHash)));
    const checks = await verifyEvidenceBundle(bundle);
    const failed = checks.find((c) => !c.ok);
    return { kind: 'bundle', ok: !otherRecord && failed === undefined, count: checks.length, otherRecord, failure: failed ? `${failed.name}: ${failed.detail}` : undefined };
  }
  for (const party of record.parties) {
    const verified = await verifyCmsSignature({ contentInfo: bytes, content: hexToBytes(party.digest) });
    if (verified.valid && same(`0x${(await parseCertificate(verified.signerCertificate)).identity}`, party.certificateHash)) return { kind: 'p7s', partyIndex: party.partyIndex };
  }
  return { kind: 'p7s', partyIndex: undefined };
}
