import { readCertificates, type Certificate } from '@/pki';

export class CertificateFileError extends Error {
  override name = 'CertificateFileError';
  readonly messageKey = 'certificateFile.invalid';
}

/**
 * Reads the certificates of a PEM, DER or PKCS#7 file with the PKI engine's reader: the one to act on
 * first, then any others the file bundles (its issuers). The contract checks the DER again.
 */
export async function readCertificateFile(file: Blob): Promise<readonly [Certificate, ...Certificate[]]> {
  let certificates: Certificate[];
  try {
    certificates = await readCertificates(new Uint8Array(await file.arrayBuffer()));
  } catch (cause) {
    throw new CertificateFileError('The file is not a certificate.', { cause });
  }
  const [first, ...others] = certificates;
  if (!first) throw new CertificateFileError('The file holds no certificate.');
  return [first, ...others];
}
