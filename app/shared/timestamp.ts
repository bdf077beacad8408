// A signature timestamp (RFC 3161, ICP-Brasil AD-RT) asked of the time-stamping authority the relay is
// configured with, and checked here before it is used: the relay adds no trust.
import { createTimestampRequest, fromPem, parseCertificate, readTimestampResponse, TIMESTAMP_RESPONSE_MAX_BYTES, TimestampError, verifyTimestampToken, type VerifyTimestampTokenReturnType } from '@/pki';
import { relayTsaUrl } from './relay-client';

export type TimestampSignatureParameters = {
  readonly relayUrl: string;
  /** The SignerInfo's signature value: what the token's message imprint hashes. */
  readonly signature: Uint8Array;
  /** The signer's signing time: the token may not be older. */
  readonly signingTime: Date;
  readonly fetch?: typeof globalThis.fetch;
  /** The time-stamping roots network.json lists (PEM): the TSA certificate is checked against them. */
  readonly tsaRoots?: readonly string[];
};

export type SignatureTimestamp = VerifyTimestampTokenReturnType & {
  readonly token: Uint8Array;
  /**
   * Whether the TSA's certificate has a valid path, at the token's time, to one of `tsaRoots`; undefined
   * when the network lists none (the token is checked in every other way, but its TSA is nobody's choice).
   */
  readonly tsaTrusted: boolean | undefined;
};

/** Asks `<relay>/tsa` for a token over `signature` and verifies it (imprint, nonce, TSA certificate, time); throws TimestampError. */
export async function timestampSignature(parameters: TimestampSignatureParameters): Promise<SignatureTimestamp> {
  const request = await createTimestampRequest({ data: parameters.signature });
  const fetchFn = parameters.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let response: Response;
  try {
    response = await fetchFn(relayTsaUrl(parameters.relayUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: request.der.slice(),
      credentials: 'omit',
      redirect: 'error',
    });
  } catch (cause) {
    throw new TimestampError('unavailable', { details: `${parameters.relayUrl} did not answer`, cause });
  }
  if (!response.ok) throw new TimestampError('unavailable', { details: `HTTP ${response.status} ${response.headers.get('x-relay-error') ?? ''}`.trim() });
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > TIMESTAMP_RESPONSE_MAX_BYTES) throw new TimestampError('malformed', { details: `${bytes.length} bytes` });
  const token = readTimestampResponse(bytes);
  return checkSignatureTimestamp({ token, signature: parameters.signature, nonce: request.nonce, notBefore: parameters.signingTime, notAfter: new Date(), ...(parameters.tsaRoots ? { tsaRoots: parameters.tsaRoots } : {}) });
}

export type CheckSignatureTimestampParameters = {
  readonly token: Uint8Array;
  /** The SignerInfo's signature value the token must be over. */
  readonly signature: Uint8Array;
  /** The time-stamping roots network.json lists (PEM); none: the TSA is not checked against a root. */
  readonly tsaRoots?: readonly string[];
  readonly nonce?: Uint8Array;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
};

/**
 * Checks a signature timestamp token over `signature` (imprint, TSA certificate, time bounds; throws
 * TimestampError) and says whether its TSA chains to one of `tsaRoots`: the one check behind what the
 * sign page and the record page say of a timestamp.
 */
export async function checkSignatureTimestamp(parameters: CheckSignatureTimestampParameters): Promise<SignatureTimestamp> {
  const { token, signature, tsaRoots, nonce, notBefore, notAfter } = parameters;
  const bounds = { token, data: signature, ...(nonce ? { nonce } : {}), ...(notBefore ? { notBefore } : {}), ...(notAfter ? { notAfter } : {}) };
  const checked = await verifyTimestampToken(bounds);
  // A token from a TSA the network does not list is still a well-formed timestamp: the person is told it is not trusted.
  let tsaTrusted: boolean | undefined;
  if (tsaRoots && tsaRoots.length > 0) {
    const trustAnchors = await Promise.all(tsaRoots.map((pem) => parseCertificate(fromPem(pem, 'CERTIFICATE'))));
    try {
      await verifyTimestampToken({ ...bounds, trustAnchors });
      tsaTrusted = true;
    } catch (error) {
      if (!(error instanceof TimestampError && error.code === 'tsa-untrusted')) throw error;
      tsaTrusted = false;
    }
  }
  return { ...checked, token, tsaTrusted };
}

/**
 * A stored signature timestamp, when it is a valid token over `signature` (the browser keeps tokens by
 * record and party; one over another signature, or damaged, is left out rather than carried as evidence).
 */
export async function timestampOver(token: Uint8Array | undefined, signature: Uint8Array): Promise<Uint8Array | undefined> {
  if (!token) return undefined;
  return (await verifyTimestampToken({ token, data: signature }).then(() => true, () => false)) ? token : undefined;
}
