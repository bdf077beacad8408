// The evidence bundle a verifier downloads from a recorded transaction: one ustar file that any `tar`
// opens, holding for each party the exact bytes the CMS signed (the 32-byte EIP-712 digest), the party's
// detached .p7s, its certificate path and trust anchor as PEM, the record facts as JSON and a README
// with the OpenSSL commands that check each signature. `verifyEvidenceBundle` re-checks it offline.
import { fromHex, toHex, toPem } from '../bytes';
import { buildP7s } from '../cms/p7s';
import { TimestampError, verifyTimestampToken } from '../cms/timestamp';
import { verifyCmsSignature } from '../cms/verify';
import { buildPath } from '../path/path-builder';
import { ICP_BRASIL_AD_RB, ICP_BRASIL_AD_RT, icpBrasilPolicyName, isIcpBrasilSigner } from '../profiles/icpBrasil';
import { parseCertificate, type Certificate } from '../x509/certificate';
import { formatName } from '../x509/name';
import { readCertificates } from '../x509/read-certificates';
import { readTar, writeTar, type TarEntry } from './tar';

export const EVIDENCE_FORMAT = 'cross-border-evidence/1';

/** A party's recorded signature, as the ledger's TransactionSigned event carried it (hex with 0x). */
export type EvidenceParty = {
  readonly partyIndex: number;
  readonly account: string;
  /** The signer certificate's identity on the ledger (SHA-256 of its tbsCertificate). */
  readonly certificateHash: string;
  readonly nonce: string;
  /** The EIP-712 digest the CMS signed. */
  readonly digest: string;
  readonly block: string;
  /** ISO time of that block. */
  readonly signedAt: string;
};

/** The record facts: which ledger, which contract, which transaction. */
export type EvidenceRecord = {
  readonly format: typeof EVIDENCE_FORMAT;
  readonly chainId: number;
  readonly transactionRegistry: string;
  readonly identityRegistry: string;
  readonly trustStore: string;
  readonly transactionId: string;
  readonly payloadHash: string;
  /** The block the bundle was made at (the last signature's block or later): the ledger checks read at it. */
  readonly block: string;
  readonly parties: readonly EvidenceParty[];
};

export type CreateEvidenceBundleParameters = Omit<EvidenceRecord, 'format' | 'parties'> & {
  readonly parties: readonly (EvidenceParty & {
    readonly signedAttributes: Uint8Array;
    readonly signature: Uint8Array;
    readonly certificate: Uint8Array;
    /** The intermediates above the signer, bottom first (not the anchor). */
    readonly intermediates: readonly Uint8Array[];
    /** The Trust Store anchor the path ends at. */
    readonly anchor: Uint8Array;
    /** The EIP-712 typed data whose hash is `digest`, for people to read (bigints as decimal strings). */
    readonly typedData?: unknown;
    /** An RFC 3161 token over `signature` (AD-RT), carried in the .p7s as its unsigned attribute. */
    readonly signatureTimestamp?: Uint8Array;
  })[];
};

export type VerifyEvidenceBundleOptions = {
  /** Anchors for the time-stamping authorities' certificates; without them a timestamp's TSA is checked by its own form only. */
  readonly tsaAnchors?: readonly Certificate[];
};

/** File names inside the bundle, one place for writer, reader and README. */
export const evidenceFiles = {
  record: 'record.json',
  readme: 'README.txt',
  content: (n: number) => `party-${n}.content.bin`,
  p7s: (n: number) => `party-${n}.p7s`,
  chain: (n: number) => `party-${n}.chain.pem`,
  typedData: (n: number) => `party-${n}.eip712.json`,
  anchor: (n: number) => `party-${n}.anchor.pem`,
};

const encoder = new TextEncoder();

function readme(record: EvidenceRecord): string {
  const lines = [
    `Evidence of transaction ${record.transactionId} on chain ${record.chainId}, TransactionRegistry ${record.transactionRegistry}, read at block ${record.block}.`,
    '',
    'Files: record.json (the record facts), and for each party N: party-N.content.bin (the 32-byte EIP-712',
    'digest the party signed), party-N.eip712.json (the typed data that hashes to it), party-N.p7s (its',
    'detached CMS/CAdES signature, DER), party-N.chain.pem (signer certificate and intermediates) and',
    'party-N.anchor.pem (the trust anchor registered in the Trust Store). A party-N.p7s may carry an RFC 3161',
    'signature timestamp (unsigned attribute id-aa-signatureTimeStampToken, AD-RT); the ledger does not need it.',
    '',
    'Check each signature with OpenSSL (3.0 or later). Keep -binary: without it OpenSSL treats the content as',
    'text, rewrites line endings before hashing, and a correct signature over binary content fails.',
    '-purpose any because the signer certificates carry no S/MIME extended key usage.',
    '',
  ];
  for (const party of record.parties) {
    const n = party.partyIndex + 1;
    lines.push(
      `  openssl cms -verify -binary -inform DER -in ${evidenceFiles.p7s(n)} -content ${evidenceFiles.content(n)} -CAfile ${evidenceFiles.anchor(n)} -purpose any -out /dev/null`,
    );
  }
  lines.push(
    '',
    'OpenSSL checks the path at the present time; the ledger recorded each signature at the block named in',
    'record.json. To check everything, including against the ledger at that block:',
    '',
    '  npm run pki -- evidence verify BUNDLE.tar [--rpc URL]',
    '',
  );
  return lines.join('\n');
}

/** One tar file of the evidence; the same parameters give the same bytes. */
export async function createEvidenceBundle(parameters: CreateEvidenceBundleParameters): Promise<Uint8Array> {
  const { parties, ...facts } = parameters;
  const record: EvidenceRecord = {
    format: EVIDENCE_FORMAT,
    ...facts,
    parties: parties.map(({ partyIndex, account, certificateHash, nonce, digest, block, signedAt }) => ({ partyIndex, account, certificateHash, nonce, digest, block, signedAt })),
  };
  const entries: TarEntry[] = [
    { name: evidenceFiles.readme, data: encoder.encode(readme(record)) },
    { name: evidenceFiles.record, data: encoder.encode(`${JSON.stringify(record, null, 2)}\n`) },
  ];
  for (const party of parties) {
    const n = party.partyIndex + 1;
    const p7s = await buildP7s({
      signedAttributes: party.signedAttributes,
      signature: party.signature,
      certificate: party.certificate,
      certificates: party.intermediates,
      ...(party.signatureTimestamp ? { signatureTimestamp: party.signatureTimestamp } : {}),
    });
    entries.push(
      { name: evidenceFiles.content(n), data: fromHex(party.digest) },
      { name: evidenceFiles.p7s(n), data: p7s },
      { name: evidenceFiles.chain(n), data: encoder.encode([party.certificate, ...party.intermediates].map((c) => toPem(c, 'CERTIFICATE')).join('')) },
      { name: evidenceFiles.anchor(n), data: encoder.encode(toPem(party.anchor, 'CERTIFICATE')) },
    );
    if (party.typedData !== undefined) entries.push({ name: evidenceFiles.typedData(n), data: encoder.encode(`${JSON.stringify(party.typedData, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`) });
  }
  return writeTar(entries);
}

export type EvidenceBundle = { readonly record: EvidenceRecord; readonly files: ReadonlyMap<string, Uint8Array> };

/** Opens a bundle; throws TypeError when it is not one (no record.json, another format). */
export function readEvidenceBundle(bytes: Uint8Array): EvidenceBundle {
  const files = new Map(readTar(bytes).map((e) => [e.name, e.data] as const));
  const recordFile = files.get(evidenceFiles.record);
  if (!recordFile) throw new TypeError(`not an evidence bundle: no ${evidenceFiles.record}`);
  const record = JSON.parse(new TextDecoder().decode(recordFile)) as EvidenceRecord;
  if (record.format !== EVIDENCE_FORMAT || !Array.isArray(record.parties)) throw new TypeError(`not an evidence bundle of format ${EVIDENCE_FORMAT}`);
  return { record, files };
}

/** One check's outcome; `name` is stable (scripts and tests match on it), `detail` says why in English. */
export type EvidenceCheck = { readonly name: string; readonly ok: boolean; readonly detail: string };

const hex = (bytes: Uint8Array) => `0x${toHex(bytes)}`;

/**
 * The offline checks of every party: the content file is the recorded digest, the .p7s verifies over it
 * (message digest, signature, signing certificate), the signer is the recorded certificate, an ICP-Brasil
 * signer's CAdES names the AD-RB or AD-RT signature policy, and its path
 * to the bundled anchor is valid at the time the ledger recorded the signature.
 */
export async function verifyEvidenceBundle(bundle: EvidenceBundle, options: VerifyEvidenceBundleOptions = {}): Promise<EvidenceCheck[]> {
  const checks: EvidenceCheck[] = [];
  const { record, files } = bundle;
  for (const party of record.parties) {
    const n = party.partyIndex + 1;
    const at = `party ${n}`;
    const file = (name: string) => {
      const data = files.get(name);
      if (!data) checks.push({ name: `${at} file`, ok: false, detail: `${name} is missing` });
      return data;
    };
    const content = file(evidenceFiles.content(n));
    const p7s = file(evidenceFiles.p7s(n));
    const chain = file(evidenceFiles.chain(n));
    const anchorPem = file(evidenceFiles.anchor(n));
    if (!content || !p7s || !chain || !anchorPem) continue;
    const contentOk = content.length === 32 && hex(content) === party.digest.toLowerCase();
    checks.push({ name: `${at} content digest`, ok: contentOk, detail: contentOk ? `${evidenceFiles.content(n)} is the recorded EIP-712 digest` : `${evidenceFiles.content(n)} is not the recorded digest ${party.digest}` });
    const cms = await verifyCmsSignature({ contentInfo: p7s, content, requireSigningCertificate: true });
    checks.push({ name: `${at} cms signature`, ok: cms.valid, detail: cms.valid ? `${evidenceFiles.p7s(n)} verifies over ${evidenceFiles.content(n)}` : `${evidenceFiles.p7s(n)}: ${cms.reason}` });
    if (!cms.valid) continue;
    const signer = await parseCertificate(cms.signerCertificate);
    const identityOk = `0x${signer.identity}` === party.certificateHash.toLowerCase();
    checks.push({ name: `${at} signer certificate`, ok: identityOk, detail: identityOk ? `signer is ${formatName(signer.subject)}` : `the signer's identity 0x${signer.identity} is not the recorded ${party.certificateHash}` });
    if (isIcpBrasilSigner(signer)) {
      // DOC-ICP-15.03: an ICP-Brasil signature names its policy, AD-RB, or AD-RT when it is timestamped;
      // without one it has no legal weight there.
      const policy = cms.signaturePolicy;
      const name = icpBrasilPolicyName(policy);
      const known = `AD-RB ${ICP_BRASIL_AD_RB.oid} (${toHex(ICP_BRASIL_AD_RB.hash)}) or AD-RT ${ICP_BRASIL_AD_RT.oid} (${toHex(ICP_BRASIL_AD_RT.hash)})`;
      checks.push({
        name: `${at} signature policy`,
        ok: name !== undefined,
        detail: name
          ? `the ICP-Brasil signature names the ${name} policy ${policy!.oid} with its document hash${
              // The ledger keeps no timestamp: a bundle made elsewhere than where the party signed lacks it.
              name === 'AD-RT' && cms.signatureTimestamps.length === 0 ? '; this bundle carries no signature timestamp, which AD-RT requires (use the bundle made where the party signed)' : ''
            }`
          : policy
            ? `the ICP-Brasil signature names policy ${policy.oid} (${policy.hashAlgorithm} ${toHex(policy.hash)}), neither ${known}`
            : `the ICP-Brasil signature names no signature policy (${known} is required)`,
      });
    }
    // AD-RT: each signature timestamp is over this signature, verifies, comes from a TSA certificate, and
    // its time lies between the signer's signing time and the block that recorded the signature.
    for (const token of cms.signatureTimestamps) {
      try {
        const stamp = await verifyTimestampToken({ token, data: cms.signature, notAfter: new Date(party.signedAt), ...(cms.signingTime ? { notBefore: cms.signingTime } : {}), ...(options.tsaAnchors ? { trustAnchors: options.tsaAnchors } : {}) });
        checks.push({
          name: `${at} signature timestamp`,
          ok: true,
          detail: `timestamped at ${stamp.genTime.toISOString()} by ${stamp.tsaName}${stamp.anchored ? ', whose certificate has a valid path to a given TSA anchor' : ' (its certificate was not checked against an anchor: give --tsa-anchor FILE)'}`,
        });
      } catch (error) {
        checks.push({ name: `${at} signature timestamp`, ok: false, detail: error instanceof TimestampError ? `${error.message}${error.details ? ` (${error.details})` : ''}` : String(error) });
      }
    }
    const [anchors, pool] = await Promise.all([readCertificates(anchorPem), readCertificates(chain)]);
    const path = await buildPath({ target: signer, intermediates: [...pool, ...(await Promise.all(cms.certificates.map((c) => parseCertificate(c))))], trustAnchors: anchors, time: new Date(party.signedAt) });
    checks.push({
      name: `${at} certificate path`,
      ok: path.valid,
      detail: path.valid ? `valid at ${party.signedAt} to the anchor 0x${path.path.at(-1)?.identity ?? ''}` : `no valid path at ${party.signedAt}: ${path.failures.map((f) => f.message).join('; ') || path.reason}`,
    });
  }
  if (record.parties.length === 0) checks.push({ name: 'parties', ok: false, detail: 'the bundle records no signature' });
  return checks;
}
