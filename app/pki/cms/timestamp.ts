/**
 * RFC 3161 signature timestamps (CAdES-T, ICP-Brasil AD-RT): the request a time-stamping authority
 * (TSA) answers, the reading of its response, and the checks a token must pass before it is added to a
 * SignerInfo as the unsigned attribute id-aa-signatureTimeStampToken (RFC 5126 6.1.1), whose message
 * imprint is the hash of the SignerInfo's signature value.
 *
 * A token is a CMS SignedData over a TSTInfo; its signature is verified by verifyCmsSignature (the same
 * algorithm policy as every other signature), and its signer must be a TSA certificate: extended key
 * usage exactly id-kp-timeStamping, marked critical (RFC 3161 2.3), valid at genTime and, when anchors
 * are given, on a valid path to one of them at genTime.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { digest, toArrayBuffer, toHex, bytesEqual } from '../bytes';
import { der } from '../der/writer';
import { expectSequence, isUniversal, parseDer, readOctetString, readOid, UniversalTag, type DerNode } from '../der/asn1';
import { PkiError, type PkiErrorOptions } from '../errors';
import { CMS_OIDS, HASH_OIDS, hashNameOf, Oid, type CmsHashName } from '../oids';
import { buildPath } from '../path/path-builder';
import { parseCertificate, type Certificate } from '../x509/certificate';
import { formatName } from '../x509/name';
import { verifyCmsSignature } from './verify';

/** Largest timestamp response read (the relay caps what it relays the same way). */
export const TIMESTAMP_RESPONSE_MAX_BYTES = 64 * 1024;

export const timestampFailures = ['unavailable', 'malformed', 'rejected', 'imprint-mismatch', 'nonce-mismatch', 'signature-invalid', 'tsa-certificate', 'tsa-untrusted', 'time'] as const;
export type TimestampFailure = (typeof timestampFailures)[number];

const failureText: Record<TimestampFailure, string> = {
  unavailable: 'The time-stamping authority could not be reached.',
  malformed: 'The timestamp is malformed.',
  rejected: 'The time-stamping authority refused the request.',
  'imprint-mismatch': 'The timestamp is not over this signature.',
  'nonce-mismatch': 'The timestamp does not answer this request (its nonce differs).',
  'signature-invalid': "The timestamp's own signature does not verify.",
  'tsa-certificate': 'The timestamp is not signed by a time-stamping certificate (critical extended key usage timeStamping only).',
  'tsa-untrusted': "The time-stamping authority's certificate has no valid path to a trusted anchor.",
  time: "The timestamp's time is outside the time-stamping certificate's validity or the signature's time.",
};

/** A timestamp request, response or token that cannot be used; `code` says which check failed. */
export class TimestampError extends PkiError {
  override readonly name = 'TimestampError';
  readonly code: TimestampFailure;
  constructor(code: TimestampFailure, options: PkiErrorOptions = {}) {
    super(failureText[code], { messageKey: `pki.timestamp.${code}`, ...options });
    this.code = code;
  }
}

export type CreateTimestampRequestParameters = {
  /** The bytes to timestamp: for a signature timestamp, the SignerInfo's signature value. */
  readonly data: Uint8Array;
  /** Default SHA-256. */
  readonly hash?: CmsHashName;
  /** Default: 16 random bytes. */
  readonly nonce?: Uint8Array;
};

export type TimestampRequest = { readonly der: Uint8Array; readonly nonce: Uint8Array; readonly hash: CmsHashName; readonly imprint: Uint8Array };

/** Leading zero octets dropped (an INTEGER's value), so a nonce compares equal however it was padded. */
function unsignedValue(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

/** DER TimeStampReq (RFC 3161 2.4.1): version 1, messageImprint, nonce, certReq TRUE (the TSA certificate is needed to check the token). */
export async function createTimestampRequest(parameters: CreateTimestampRequestParameters): Promise<TimestampRequest> {
  const hash = parameters.hash ?? 'SHA-256';
  const imprint = await digest(hash, parameters.data);
  const random = parameters.nonce ?? globalThis.crypto.getRandomValues(new Uint8Array(16));
  // A positive INTEGER: a leading 0x00 when the high bit is set.
  const nonce = unsignedValue(random);
  const nonceContent = (nonce[0] as number) & 0x80 ? Uint8Array.of(0, ...nonce) : nonce;
  const request = der.seq(der.int(1), der.seq(der.seq(der.oid(HASH_OIDS[hash]), der.null()), der.octet(imprint)), der.int(nonceContent), der.bool(true));
  return { der: request, nonce, hash, imprint };
}

/**
 * The token of a TimeStampResp (RFC 3161 2.4.2): PKIStatusInfo granted (0) or grantedWithMods (1), and
 * the token (a ContentInfo), else a TimestampError 'rejected' with the TSA's status text in details.
 */
export function readTimestampResponse(response: Uint8Array): Uint8Array {
  if (response.length > TIMESTAMP_RESPONSE_MAX_BYTES) throw new TimestampError('malformed', { details: `${response.length} bytes` });
  let fields: readonly DerNode[];
  try {
    fields = expectSequence(parseDer(response), 'TimeStampResp');
  } catch (cause) {
    throw new TimestampError('malformed', { details: 'not a DER TimeStampResp', cause });
  }
  const statusInfo = fields[0] && isUniversal(fields[0], UniversalTag.Sequence) ? fields[0].children : [];
  const status = statusInfo[0];
  if (!status || !isUniversal(status, UniversalTag.Integer) || status.content.length !== 1) throw new TimestampError('malformed', { details: 'no PKIStatus' });
  const code = status.content[0] as number;
  if (code !== 0 && code !== 1) {
    const text = statusInfo[1] && isUniversal(statusInfo[1], UniversalTag.Sequence) ? statusInfo[1].children.map((c) => new TextDecoder().decode(c.content)).join('; ') : '';
    throw new TimestampError('rejected', { details: `PKIStatus ${code}${text ? `: ${text}` : ''}` });
  }
  const token = fields[1];
  if (!token) throw new TimestampError('malformed', { details: 'granted without a token' });
  return token.der;
}

export type TstInfo = {
  readonly policy: string;
  readonly hash: CmsHashName;
  readonly imprint: Uint8Array;
  /** Hex, as the TSA numbered the token. */
  readonly serialNumber: string;
  readonly genTime: Date;
  readonly nonce: Uint8Array | undefined;
};

/** GeneralizedTime as RFC 3161 2.4.2 allows it: YYYYMMDDhhmmss[.s...]Z. */
function readGeneralizedTime(node: DerNode | undefined): Date {
  const text = node && isUniversal(node, UniversalTag.GeneralizedTime) ? new TextDecoder('latin1').decode(node.content) : '';
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?Z$/.exec(text);
  if (!m) throw new TimestampError('malformed', { details: `genTime ${JSON.stringify(text)}` });
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), m[7] ? Number(`0.${m[7]}`) * 1000 : 0));
  if (Number.isNaN(date.getTime()) || date.getUTCMonth() !== Number(m[2]) - 1) throw new TimestampError('malformed', { details: `genTime ${text}` });
  return date;
}

function readTstInfo(content: Uint8Array): TstInfo {
  try {
    const [version, policy, messageImprint, serial, genTime, ...rest] = expectSequence(parseDer(content), 'TSTInfo');
    if (!version || !isUniversal(version, UniversalTag.Integer) || version.content.length !== 1 || version.content[0] !== 1) throw new Error('version is not 1');
    const [algorithm, hashed] = expectSequence(messageImprint, 'messageImprint');
    const hash = hashNameOf(readOid(expectSequence(algorithm, 'hashAlgorithm')[0]));
    if (!hash || hash === 'SHA-1') throw new Error('messageImprint hash is not SHA-2');
    if (!serial || !isUniversal(serial, UniversalTag.Integer)) throw new Error('no serialNumber');
    const nonceNode = rest.find((node) => isUniversal(node, UniversalTag.Integer));
    return {
      policy: readOid(policy, 'policy'),
      hash,
      imprint: readOctetString(hashed, 'hashedMessage'),
      serialNumber: toHex(serial.content),
      genTime: readGeneralizedTime(genTime),
      nonce: nonceNode ? unsignedValue(nonceNode.content) : undefined,
    };
  } catch (cause) {
    if (cause instanceof TimestampError) throw cause;
    throw new TimestampError('malformed', { details: cause instanceof Error ? cause.message : String(cause), cause });
  }
}

/** The TSTInfo bytes a token signs (its encapsulated content), refused unless the content type is id-ct-TSTInfo. */
function tokenContent(token: Uint8Array): Uint8Array {
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(toArrayBuffer(token));
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const encapsulated = signedData.encapContentInfo;
    if (encapsulated.eContentType !== CMS_OIDS.tstInfo || !(encapsulated.eContent instanceof asn1js.OctetString)) throw new Error(`content type ${encapsulated.eContentType}`);
    return new Uint8Array(encapsulated.eContent.getValue());
  } catch (cause) {
    throw new TimestampError('malformed', { details: cause instanceof Error ? cause.message : String(cause), cause });
  }
}

/** RFC 3161 2.3: the TSA's certificate has one extended key usage, id-kp-timeStamping, and marks it critical. */
function isTsaCertificate(certificate: Certificate): boolean {
  const eku = certificate.extensions.find((extension) => extension.oid === Oid.extKeyUsage);
  return eku !== undefined && eku.critical && certificate.extendedKeyUsage?.length === 1 && certificate.extendedKeyUsage[0] === Oid.timeStamping;
}

export type VerifyTimestampTokenParameters = {
  /** DER ContentInfo of the token. */
  readonly token: Uint8Array;
  /** The timestamped bytes (the signature value for a signature timestamp). */
  readonly data: Uint8Array;
  /** The request's nonce, when this token answers a request made here. */
  readonly nonce?: Uint8Array;
  /** TSA trust anchors: when given, the TSA certificate must have a valid path to one at genTime. */
  readonly trustAnchors?: readonly Certificate[];
  /** The genTime may not be earlier than this (e.g. the signature's signing time), minus `skewMs`. */
  readonly notBefore?: Date;
  /** The genTime may not be later than this (e.g. the block that recorded the signature), plus `skewMs`. */
  readonly notAfter?: Date;
  /** Clock difference tolerated between signer, TSA and ledger (default 5 minutes). */
  readonly skewMs?: number;
};

export type VerifyTimestampTokenReturnType = TstInfo & {
  /** The TSA's certificate (DER) and its subject as text. */
  readonly tsaCertificate: Uint8Array;
  readonly tsaName: string;
  /** Whether the TSA certificate was checked against `trustAnchors` (true) or only by its own form (false). */
  readonly anchored: boolean;
};

/**
 * Checks a signature timestamp token: the TSTInfo's message imprint is the hash of `data`, the nonce is
 * the request's, the token's CMS signature verifies, its signer is a TSA certificate valid at genTime
 * (and anchored, when anchors are given), and genTime lies within the given bounds. Throws TimestampError.
 */
export async function verifyTimestampToken(parameters: VerifyTimestampTokenParameters): Promise<VerifyTimestampTokenReturnType> {
  const content = tokenContent(parameters.token);
  const info = readTstInfo(content);
  if (!bytesEqual(info.imprint, await digest(info.hash, parameters.data))) throw new TimestampError('imprint-mismatch');
  if (parameters.nonce !== undefined && (info.nonce === undefined || !bytesEqual(info.nonce, unsignedValue(parameters.nonce)))) throw new TimestampError('nonce-mismatch');
  // RFC 3161 asks for the signing-certificate attribute; OpenSSL writes the SHA-1 (v1) form unless told otherwise, so v2 is checked when present.
  const cms = await verifyCmsSignature({ contentInfo: parameters.token, content, requireSigningCertificate: false, time: info.genTime });
  if (!cms.valid) throw new TimestampError('signature-invalid', { details: cms.reason });
  const tsa = await parseCertificate(cms.signerCertificate);
  if (!isTsaCertificate(tsa)) throw new TimestampError('tsa-certificate', { details: formatName(tsa.subject) });
  const at = info.genTime.getTime();
  if (at < tsa.notBefore.getTime() || at > tsa.notAfter.getTime()) throw new TimestampError('time', { details: `genTime ${info.genTime.toISOString()} outside the TSA certificate's validity` });
  const skew = parameters.skewMs ?? 5 * 60_000;
  if (parameters.notBefore && at < parameters.notBefore.getTime() - skew) throw new TimestampError('time', { details: `genTime ${info.genTime.toISOString()} before ${parameters.notBefore.toISOString()}` });
  if (parameters.notAfter && at > parameters.notAfter.getTime() + skew) throw new TimestampError('time', { details: `genTime ${info.genTime.toISOString()} after ${parameters.notAfter.toISOString()}` });
  if (parameters.trustAnchors) {
    const intermediates = await Promise.all(cms.certificates.map((c) => parseCertificate(c)));
    const path = await buildPath({ target: tsa, intermediates, trustAnchors: [...parameters.trustAnchors], time: info.genTime });
    if (!path.valid) throw new TimestampError('tsa-untrusted', { details: path.failures.map((f) => f.message).join('; ') || path.reason });
  }
  return { ...info, tsaCertificate: cms.signerCertificate, tsaName: formatName(tsa.subject), anchored: parameters.trustAnchors !== undefined };
}

