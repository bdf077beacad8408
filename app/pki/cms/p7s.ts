import { parseCertificate } from '../x509/certificate';

// Rebuilds a party's detached CAdES-BES .p7s from what the ledger recorded (signed attributes,
// signature, certificate), so the evidence opens in any CMS tool. Plain DER assembly: the signed
// attributes and the signature are used byte for byte as signed.
// (The natural home of this is app/pki's CMS facade; it lives here until app/pki offers it.)

const OID = {
  signedData: [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02],
  data: [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01],
  sha256: [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01],
  sha256WithRsa: [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b],
  ecdsaWithSha256: [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02],
  ecPublicKey: '1.2.840.10045.2.1',
} as const;

function length(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const size = content.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(1 + length(size).length + size);
  out.set([tag, ...length(size)]);
  let offset = 1 + length(size).length;
  for (const c of content) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

const bytes = (values: readonly number[]) => Uint8Array.from(values);
const seq = (...c: Uint8Array[]) => tlv(0x30, ...c);
const set = (...c: Uint8Array[]) => tlv(0x31, ...c);
const oid = (value: readonly number[]) => tlv(0x06, bytes(value));
const integer = (value: Uint8Array) => tlv(0x02, value);
const NULL = bytes([0x05, 0x00]);

export type BuildP7sParameters = {
  /** DER of the signed attributes as signed (SET OF, tag 0x31). */
  readonly signedAttributes: Uint8Array;
  readonly signature: Uint8Array;
  readonly certificate: Uint8Array;
  /** Other certificates to embed (the path), DER. */
  readonly certificates?: readonly Uint8Array[];
};

/** DER ContentInfo of a detached SignedData with one SignerInfo (SHA-256; RSA PKCS#1 v1.5 or ECDSA). */
export async function buildP7s(parameters: BuildP7sParameters): Promise<Uint8Array> {
  const certificate = await parseCertificate(parameters.certificate);
  const ecdsa = certificate.subjectPublicKeyInfo.algorithm.oid === OID.ecPublicKey;
  const signatureAlgorithm = ecdsa ? seq(oid(OID.ecdsaWithSha256)) : seq(oid(OID.sha256WithRsa), NULL);
  const sha256 = seq(oid(OID.sha256), NULL);
  // In the SignerInfo the attributes are [0] IMPLICIT; they were signed with the SET tag.
  const signedAttrs = parameters.signedAttributes.slice();
  signedAttrs[0] = 0xa0;
  const signerInfo = seq(
    integer(bytes([1])),
    seq(certificate.issuer.der, integer(certificate.serialNumber)),
    sha256,
    signedAttrs,
    signatureAlgorithm,
    tlv(0x04, parameters.signature),
  );
  const signedData = seq(
    integer(bytes([1])),
    set(sha256),
    seq(oid(OID.data)),
    tlv(0xa0, parameters.certificate, ...(parameters.certificates ?? [])),
    set(signerInfo),
  );
  return seq(oid(OID.signedData), tlv(0xa0, signedData));
}
