/**
 * Reads certificates from what users and CAs hand out: PEM (one or many), DER, and PKCS#7/CMS
 * certificate bundles (.p7b/.p7c, PEM or DER). Anything else gets a CertificateFormatError that says
 * what the file is.
 */
import { Asn1Error, type DerNode, isContext, isUniversal, parseDer, readOid, UniversalTag } from '../der/asn1';
import { decodePem, looksLikePem, type PemBlock } from '../bytes';
import { type Certificate, parseCertificate } from './certificate';
import { type CertificateFileKind, CertificateFormatError, PkiLimitError } from '../errors';
import { CMS_OIDS } from '../oids';

const PEM_KINDS: Record<string, CertificateFileKind | 'certificate' | 'pkcs7'> = {
  CERTIFICATE: 'certificate',
  'X509 CERTIFICATE': 'certificate',
  'TRUSTED CERTIFICATE': 'certificate',
  PKCS7: 'pkcs7',
  CMS: 'pkcs7',
  'PRIVATE KEY': 'private-key',
  'ENCRYPTED PRIVATE KEY': 'private-key',
  'RSA PRIVATE KEY': 'private-key',
  'EC PRIVATE KEY': 'private-key',
  'PUBLIC KEY': 'public-key',
  'RSA PUBLIC KEY': 'public-key',
  'CERTIFICATE REQUEST': 'certificate-request',
  'NEW CERTIFICATE REQUEST': 'certificate-request',
  'X509 CRL': 'crl',
};

export type ReadCertificatesReturnType = Certificate[];

/** Certificates in a PEM, DER or PKCS#7 file, in file order. */
export async function readCertificates(bytes: Uint8Array): Promise<ReadCertificatesReturnType> {
  if (bytes.length === 0) throw new CertificateFormatError('empty');
  const ders = looksLikePem(bytes) ? fromPem(new TextDecoder().decode(bytes)) : fromDer(bytes);
  const out: Certificate[] = [];
  for (const der of ders) out.push(await parseCertificate(der));
  return out;
}


function fromPem(text: string): Uint8Array[] {
  let blocks: PemBlock[];
  try {
    blocks = decodePem(text);
  } catch (error) {
    throw new CertificateFormatError('pem-unknown', 'a PEM block does not hold valid base64', error);
  }
  if (blocks.length === 0) throw new CertificateFormatError('pem-unknown', 'no complete PEM block found');
  const ders: Uint8Array[] = [];
  let firstOther: CertificateFileKind | undefined;
  for (const block of blocks) {
    const kind = PEM_KINDS[block.label];
    if (kind === 'certificate') ders.push(block.der);
    else if (kind === 'pkcs7') ders.push(...fromDer(block.der));
    else firstOther ??= kind ?? 'pem-unknown';
  }
  if (ders.length === 0) throw new CertificateFormatError(firstOther ?? 'pem-unknown', `PEM labels: ${blocks.map((b) => b.label).join(', ')}`);
  return ders;
}

function fromDer(bytes: Uint8Array): Uint8Array[] {
  let root: DerNode;
  try {
    root = parseDer(bytes);
  } catch (error) {
    if (error instanceof PkiLimitError) throw error;
    throw new CertificateFormatError('not-der', (error as Error).message, error);
  }
  const kind = classify(root);
  if (kind === 'certificate') return [root.der];
  if (kind === 'pkcs7') {
    const certificates = signedDataCertificates(root);
    if (certificates.length === 0) throw new CertificateFormatError('cms-without-certificates');
    return certificates;
  }
  throw new CertificateFormatError(kind);
}

function classify(root: DerNode): CertificateFileKind | 'certificate' | 'pkcs7' {
  if (!isUniversal(root, UniversalTag.Sequence)) return 'unknown-der';
  const [a, b, c, d] = root.children;
  if (!a) return 'unknown-der';
  try {
    if (isUniversal(a, UniversalTag.ObjectIdentifier)) {
      const oid = readOid(a);
      if (oid === CMS_OIDS.signedData) return 'pkcs7';
      return 'unknown-der';
    }
    if (isUniversal(a, UniversalTag.Integer)) {
      // PFX: version 3 then authSafe ContentInfo; PKCS#8 / RFC 5915 keys start with a small version too.
      if (b && isUniversal(b, UniversalTag.Sequence) && b.children[0] && isUniversal(b.children[0], UniversalTag.ObjectIdentifier) && readOid(b.children[0]) === CMS_OIDS.data) return 'pkcs12';
      return 'private-key';
    }
    if (isUniversal(a, UniversalTag.Sequence) && b && isUniversal(b, UniversalTag.BitString) && !c) return 'public-key';
    if (isUniversal(a, UniversalTag.Sequence) && b && isUniversal(b, UniversalTag.Sequence) && c && isUniversal(c, UniversalTag.BitString) && !d) {
      const tbs = a.children;
      // TBSCertList: optional version, AlgorithmIdentifier, Name, thisUpdate time.
      const timeAt = tbs[0] && isUniversal(tbs[0], UniversalTag.Integer) ? 3 : 2;
      const maybeTime = tbs[timeAt];
      if (maybeTime && (isUniversal(maybeTime, UniversalTag.UtcTime) || isUniversal(maybeTime, UniversalTag.GeneralizedTime))) return 'crl';
      // CertificationRequestInfo: version 0, Name, SPKI, [0] attributes.
      if (tbs.length === 4 && tbs[3] && isContext(tbs[3], 0) && tbs[0] && isUniversal(tbs[0], UniversalTag.Integer)) return 'certificate-request';
      return 'certificate';
    }
  } catch (error) {
    if (!(error instanceof Asn1Error)) throw error;
  }
  return 'unknown-der';
}

/** The certificates [0] of a ContentInfo wrapping SignedData (RFC 5652). */
function signedDataCertificates(contentInfo: DerNode): Uint8Array[] {
  const explicit = contentInfo.children[1];
  const signedData = explicit && isContext(explicit, 0) ? explicit.children[0] : undefined;
  if (!signedData || !isUniversal(signedData, UniversalTag.Sequence)) throw new CertificateFormatError('unknown-der', 'PKCS#7 ContentInfo without SignedData');
  const certificates = signedData.children.find((child) => isContext(child, 0) && child.constructed);
  if (!certificates) return [];
  // CertificateChoices: only plain certificates (SEQUENCE); attribute and other certificates are skipped.
  return certificates.children.filter((child) => isUniversal(child, UniversalTag.Sequence)).map((child) => child.der);
}
