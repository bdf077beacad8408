/**
 * OCSP client (RFC 6960): a request for one certificate with a nonce (RFC 8954), the response parsed
 * with the strict DER reader, its signature checked against the CA itself or a responder the CA
 * delegated to (id-kp-OCSPSigning, issued by the CA; without id-pkix-ocsp-nocheck its own certificate
 * must be shown unrevoked by the CA's CRLs, RFC 6960 4.2.2.2.1), and its
 * thisUpdate/nextUpdate window against the validation time with a clock-skew allowance.
 * A response that does not check out is "unknown", never "good".
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { type AlgorithmPolicy, checkSignature } from '../crypto/algorithm-policy';
import { Asn1Error, type DerNode, expectSequence, isContext, isUniversal, parseDer, readBitString, readBoolean, readOctetString, readOid, UniversalTag } from '../der/asn1';
import { bytesEqual } from '../bytes';
import { type AlgorithmIdentifier, type Certificate, parseCertificate, readAlgorithmIdentifier } from '../x509/certificate';
import { decodeInfoAccess } from '../x509/extensions';
import { parseNameNode } from '../x509/name';
import { der } from '../der/writer';
import { Oid } from '../oids';
import { PkiError, RevocationSourceError } from '../errors';
import { verifySignature } from '../crypto/algorithms';
import { checkCertificateSignature } from '../crypto/signatures';
import { fetchLimited, type FetchLimits } from './crl-fetch';
import { readGeneralizedTime, type RevocationStatus } from './revocation';

const SHA256_OID = '2.16.840.1.101.3.4.2.1';

export type OcspOptions = FetchLimits & {
  /** Clocks differ: thisUpdate may be this far ahead and nextUpdate this far behind the validation time (default 5 minutes). */
  readonly clockSkewMs?: number;
  /** How old a response without nextUpdate may be (default 1 hour). */
  readonly maxAgeMs?: number;
  /** Send a nonce (default true); a response that echoes another nonce is refused. */
  readonly nonce?: boolean;
  /** Refuse a response that does not echo the nonce (default false: many CAs serve pre-produced responses). */
  readonly requireNonce?: boolean;
  /** Ask this responder instead of the one the certificate names (e.g. a relay). */
  readonly url?: string;
};

export const defaultOcspOptions = { timeoutMs: 5_000, maxBytes: 1024 * 1024, clockSkewMs: 5 * 60_000, maxAgeMs: 60 * 60_000 } as const;

export class OcspError extends RevocationSourceError {
  override readonly name = 'OcspError';
  constructor(url: string, details: string, cause?: unknown) {
    super('The OCSP responder could not be asked for the certificate status.', { url, messageKey: 'pki.ocsp.failed', details, cause });
  }
}

/** The http(s) OCSP responders the certificate names (authorityInfoAccess id-ad-ocsp), first four. */
export function ocspUrls(certificate: Certificate): readonly string[] {
  const extension = certificate.extensions.find((e) => e.oid === Oid.authorityInfoAccess);
  if (!extension) return [];
  try {
    return decodeInfoAccess(extension.value)
      .flatMap((d) => (d.method === Oid.ocsp && d.location.type === 'uri' && /^https?:\/\//i.test(d.location.value) ? [d.location.value] : []))
      .slice(0, 4);
  } catch {
    return [];
  }
}

type CertId = { readonly hashAlgorithm: string; readonly issuerNameHash: Uint8Array; readonly issuerKeyHash: Uint8Array; readonly serialNumber: Uint8Array };

function certId(certificate: Certificate, issuer: Certificate, hashAlgorithm: string = Oid.sha1): CertId {
  const hash = hashAlgorithm === SHA256_OID ? sha256 : sha1;
  return { hashAlgorithm, issuerNameHash: hash(issuer.subject.der), issuerKeyHash: hash(issuer.subjectPublicKeyInfo.publicKey), serialNumber: certificate.serialNumber };
}

/** An OCSPRequest (RFC 6960 4.1.1) for one certificate, SHA-1 CertID as responders expect, with an optional nonce. */
export function createOcspRequest(parameters: { certificate: Certificate; issuer: Certificate; nonce?: Uint8Array }): Uint8Array {
  const id = certId(parameters.certificate, parameters.issuer);
  const request = der.seq(der.seq(der.seq(der.oid(id.hashAlgorithm), der.null()), der.octet(id.issuerNameHash), der.octet(id.issuerKeyHash), der.int(id.serialNumber)));
  const extensions = parameters.nonce ? [der.explicit(2, der.seq(der.seq(der.oid(Oid.ocspNonce), der.octet(der.octet(parameters.nonce)))))] : [];
  return der.seq(der.seq(der.seq(request), ...extensions));
}

export type OcspSingleResponse = {
  readonly certId: CertId;
  readonly status: 'good' | 'revoked' | 'unknown';
  readonly revocationTime: Date | undefined;
  readonly reasonCode: number | undefined;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
};

export type OcspResponse = {
  /** 0 successful, 1 malformedRequest, 2 internalError, 3 tryLater, 5 sigRequired, 6 unauthorized. */
  readonly responseStatus: number;
  readonly basic:
    | {
        readonly tbsDer: Uint8Array;
        readonly responderName: string | undefined;
        readonly responderKeyHash: Uint8Array | undefined;
        readonly producedAt: Date;
        readonly responses: readonly OcspSingleResponse[];
        readonly nonce: Uint8Array | undefined;
        readonly signatureAlgorithm: AlgorithmIdentifier;
        readonly signature: Uint8Array;
        readonly certificates: readonly Certificate[];
      }
    | undefined;
};

const RESPONSE_STATUS: Record<number, string> = { 1: 'malformedRequest', 2: 'internalError', 3: 'tryLater', 5: 'sigRequired', 6: 'unauthorized' };

const time = readGeneralizedTime;

function readExtensions(node: DerNode | undefined): { oid: string; critical: boolean; value: Uint8Array }[] {
  if (!node) return [];
  return expectSequence(node, 'Extensions').map((item) => {
    const [oid, second, third] = expectSequence(item, 'Extension');
    const flagged = !!second && isUniversal(second, UniversalTag.Boolean);
    return { oid: readOid(oid), critical: flagged && readBoolean(second as DerNode), value: readOctetString(flagged ? third : second, 'extnValue') };
  });
}

function parseSingle(node: DerNode): OcspSingleResponse {
  const [id, status, thisUpdate, ...rest] = expectSequence(node, 'SingleResponse');
  const [algorithm, nameHash, keyHash, serial] = expectSequence(id, 'CertID');
  if (!serial || !isUniversal(serial, UniversalTag.Integer) || !status) throw new Asn1Error('CertID: malformed');
  let revocationTime: Date | undefined;
  let reasonCode: number | undefined;
  let state: OcspSingleResponse['status'];
  if (isContext(status, 0)) state = 'good';
  else if (isContext(status, 1)) {
    state = 'revoked';
    revocationTime = time(status.children[0], 'revocationTime');
    const reason = status.children[1];
    if (reason) {
      const code = reason.children[0];
      if (!isContext(reason, 0) || !code || !isUniversal(code, UniversalTag.Enumerated)) throw new Asn1Error('revocationReason: malformed');
      reasonCode = code.content[0];
    }
  } else if (isContext(status, 2)) state = 'unknown';
  else throw new Asn1Error('CertStatus: unknown choice');
  const next = rest.find((f) => isContext(f, 0));
  const singleExtensions = readExtensions(rest.find((f) => isContext(f, 1))?.children[0]);
  if (singleExtensions.some((e) => e.critical)) throw new Asn1Error('SingleResponse: unsupported critical extension');
  return {
    certId: { hashAlgorithm: readAlgorithmIdentifier(algorithm, 'hashAlgorithm').oid, issuerNameHash: readOctetString(nameHash, 'issuerNameHash'), issuerKeyHash: readOctetString(keyHash, 'issuerKeyHash'), serialNumber: serial.content },
    status: state,
    revocationTime,
    reasonCode,
    thisUpdate: time(thisUpdate, 'thisUpdate'),
    nextUpdate: next ? time(next.children[0], 'nextUpdate') : undefined,
  };
}

/** Parse an OCSPResponse (RFC 6960 4.2.1); only id-pkix-ocsp-basic responses are read. */
export async function parseOcspResponse(bytes: Uint8Array): Promise<OcspResponse> {
  const [status, responseBytes, extra] = expectSequence(parseDer(bytes), 'OCSPResponse');
  if (!status || !isUniversal(status, UniversalTag.Enumerated) || status.content.length !== 1 || extra) throw new Asn1Error('OCSPResponse: malformed');
  const responseStatus = status.content[0] as number;
  if (responseStatus !== 0) return { responseStatus, basic: undefined };
  const [type, octets] = expectSequence(responseBytes && isContext(responseBytes, 0) ? responseBytes.children[0] : undefined, 'ResponseBytes');
  if (readOid(type) !== Oid.ocspBasic) throw new Asn1Error('ResponseBytes: not an id-pkix-ocsp-basic response');
  const [tbs, algorithm, signature, certs] = expectSequence(parseDer(readOctetString(octets, 'response')), 'BasicOCSPResponse');
  if (!tbs) throw new Asn1Error('BasicOCSPResponse: malformed');
  const fields = [...expectSequence(tbs, 'ResponseData')];
  if (fields[0] && isContext(fields[0], 0)) fields.shift();
  const [responderId, producedAt, responses, extensionsField] = fields;
  if (!responderId || !(isContext(responderId, 1) || isContext(responderId, 2))) throw new Asn1Error('ResponderID: malformed');
  const extensions = readExtensions(extensionsField && isContext(extensionsField, 1) ? extensionsField.children[0] : undefined);
  if (extensions.some((e) => e.critical && e.oid !== Oid.ocspNonce)) throw new Asn1Error('ResponseData: unsupported critical extension');
  const nonce = extensions.find((e) => e.oid === Oid.ocspNonce)?.value;
  const sig = readBitString(signature, 'signature');
  if (sig.unusedBits !== 0) throw new Asn1Error('signature: a signature is a whole number of octets');
  return {
    responseStatus,
    basic: {
      tbsDer: tbs.der,
      responderName: isContext(responderId, 1) ? parseNameNode(responderId.children[0] as DerNode).key : undefined,
      responderKeyHash: isContext(responderId, 2) ? readOctetString(responderId.children[0], 'KeyHash') : undefined,
      producedAt: time(producedAt, 'producedAt'),
      responses: expectSequence(responses, 'responses').map(parseSingle),
      nonce,
      signatureAlgorithm: readAlgorithmIdentifier(algorithm, 'signatureAlgorithm'),
      signature: sig.bytes,
      certificates: certs && isContext(certs, 0) ? await Promise.all(expectSequence(certs.children[0], 'certs').map((c) => parseCertificate(c.der))) : [],
    },
  };
}

export type VerifyOcspParameters = {
  readonly certificate: Certificate;
  readonly issuer: Certificate;
  readonly time: Date;
  readonly policy: AlgorithmPolicy;
  /** The nonce sent, when one was. */
  readonly nonce?: Uint8Array;
  readonly source?: string;
  /**
   * The revocation status of a delegated responder's own certificate when it lacks
   * id-pkix-ocsp-nocheck (RFC 6960 4.2.2.2.1). Without it such a responder is refused.
   */
  readonly checkResponder?: ResponderStatusCheck;
};

/** The revocation status of a delegated OCSP responder's certificate (issued by the CA of the certificate asked about). */
export type ResponderStatusCheck = (responder: Certificate) => Promise<RevocationStatus>;

const isResponder = (basic: NonNullable<OcspResponse['basic']>, c: Certificate) =>
  basic.responderName !== undefined ? basic.responderName === c.subject.key : !!basic.responderKeyHash && bytesEqual(basic.responderKeyHash, sha1(c.subjectPublicKeyInfo.publicKey));

/** The status an OCSP response gives `certificate`, once its signer, window and nonce check out. */
export async function statusFromOcspResponse(response: OcspResponse, parameters: VerifyOcspParameters, options: OcspOptions = {}): Promise<RevocationStatus> {
  const source = parameters.source ?? 'ocsp';
  const unknown = (reason: string): RevocationStatus => ({ status: 'unknown', source, reason });
  const { basic } = response;
  if (!basic) return unknown(`the responder answered ${RESPONSE_STATUS[response.responseStatus] ?? `status ${response.responseStatus}`}`);
  const { certificate, issuer, time, policy } = parameters;
  if (parameters.nonce && basic.nonce && !bytesEqual(basic.nonce, der.octet(parameters.nonce))) return unknown('the response answers another request (its nonce differs)');
  if (parameters.nonce && !basic.nonce && options.requireNonce) return unknown('the response does not echo the request nonce');
  // The signer: the CA itself, or a responder it delegated to (RFC 6960 4.2.2.2).
  let signer: Certificate | undefined = isResponder(basic, issuer) ? issuer : undefined;
  if (!signer) {
    const delegate = basic.certificates.find((c) => isResponder(basic, c));
    if (!delegate) return unknown('the response is signed by neither the CA nor a responder certificate it includes');
    if (delegate.issuer.key !== issuer.subject.key || (await checkCertificateSignature(delegate, issuer)).status !== 'valid') return unknown('the responder certificate was not issued by the certificate’s CA');
    if (!delegate.extendedKeyUsage?.includes(Oid.ocspSigning)) return unknown('the responder certificate lacks the OCSP signing extended key usage');
    if (time.getTime() < delegate.notBefore.getTime() || time.getTime() > delegate.notAfter.getTime()) return unknown('the responder certificate is not valid at the validation time');
    // Without id-pkix-ocsp-nocheck the responder's own status must be known good (RFC 6960 4.2.2.2.1);
    // the engine asks its CA's CRLs (revocation-check.ts), never the responder about itself.
    if (!delegate.extensions.some((e) => e.oid === Oid.ocspNoCheck) && !parameters.checkResponder) return unknown('the responder certificate has no id-pkix-ocsp-nocheck, and its own status is not checked');
    signer = delegate;
  }
  const verifier = signer;
  const signatureProblem = await checkSignature(policy, basic.signatureAlgorithm, time, () =>
    verifySignature({ signatureAlgorithm: basic.signatureAlgorithm, publicKey: verifier.subjectPublicKeyInfo, data: basic.tbsDer, signature: basic.signature }),
  );
  if (signatureProblem) return unknown(`the response signature does not verify: ${signatureProblem.message}`);
  // Only a response that verifies is worth a CRL download for its responder.
  if (verifier !== issuer && !verifier.extensions.some((e) => e.oid === Oid.ocspNoCheck) && parameters.checkResponder) {
    const own = await parameters.checkResponder(verifier);
    if (own.status === 'revoked') return unknown(`the responder certificate (no id-pkix-ocsp-nocheck) is revoked${own.revocationDate ? ` since ${own.revocationDate.toISOString()}` : ''} (${own.source})`);
    if (own.status !== 'good') return unknown(`the responder certificate has no id-pkix-ocsp-nocheck and its own revocation status is unknown: ${own.reason}`);
  }
  const single = basic.responses.find((r) => {
    const expected = certId(certificate, issuer, r.certId.hashAlgorithm);
    return (r.certId.hashAlgorithm === Oid.sha1 || r.certId.hashAlgorithm === SHA256_OID) && bytesEqual(r.certId.issuerNameHash, expected.issuerNameHash) && bytesEqual(r.certId.issuerKeyHash, expected.issuerKeyHash) && bytesEqual(r.certId.serialNumber, expected.serialNumber);
  });
  if (!single) return unknown('the response does not answer for this certificate');
  const skew = options.clockSkewMs ?? defaultOcspOptions.clockSkewMs;
  const at = time.getTime();
  if (single.thisUpdate.getTime() > at + skew) return unknown(`the response is not yet valid (thisUpdate ${single.thisUpdate.toISOString()})`);
  if (single.nextUpdate ? single.nextUpdate.getTime() < at - skew : single.thisUpdate.getTime() < at - (options.maxAgeMs ?? defaultOcspOptions.maxAgeMs) - skew)
    return unknown(`the response is out of date (thisUpdate ${single.thisUpdate.toISOString()}${single.nextUpdate ? `, nextUpdate ${single.nextUpdate.toISOString()}` : ''})`);
  if (single.status === 'good') return { status: 'good', source };
  if (single.status === 'unknown') return unknown('the responder does not know the certificate');
  return { status: 'revoked', source, revocationDate: single.revocationTime, ...(single.reasonCode !== undefined ? { reasonCode: single.reasonCode } : {}) };
}

export type OcspStatusParameters = { readonly certificate: Certificate; readonly issuer: Certificate; readonly time: Date; readonly policy: AlgorithmPolicy; readonly checkResponder?: ResponderStatusCheck };

/** Ask the certificate's responders (or options.url) in turn; the first definite answer wins. */
export async function ocspStatus(parameters: OcspStatusParameters, options: OcspOptions = {}): Promise<RevocationStatus> {
  const urls = options.url ? [options.url] : ocspUrls(parameters.certificate);
  if (urls.length === 0) return { status: 'unknown', source: 'ocsp', reason: 'the certificate names no OCSP responder' };
  const reasons: string[] = [];
  for (const url of urls) {
    const nonce = options.nonce === false ? undefined : crypto.getRandomValues(new Uint8Array(16));
    const body = createOcspRequest({ ...parameters, nonce });
    try {
      const bytes = await fetchLimited(url, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': 'application/ocsp-request' } }, { ...options, maxBytes: options.maxBytes ?? defaultOcspOptions.maxBytes }, (details, cause) => new OcspError(url, details, cause));
      let response: OcspResponse;
      try {
        response = await parseOcspResponse(bytes);
      } catch (error) {
        throw new OcspError(url, `the answer is not an OCSP response: ${(error as Error).message}`, error);
      }
      const status = await statusFromOcspResponse(response, { ...parameters, nonce, source: `ocsp:${url}` }, options);
      if (status.status !== 'unknown') return status;
      reasons.push(`${url}: ${status.reason}`);
    } catch (error) {
      reasons.push(`${url}: ${error instanceof PkiError ? (error.details ?? error.shortMessage) : (error as Error).message}`);
    }
  }
  return { status: 'unknown', source: 'ocsp', reason: reasons.join('; ') };
}
