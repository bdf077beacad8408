import { bytesToHex, type Hex } from 'viem';
import { readCertificates } from '@/pki';

export class CertificateFileError extends Error {
  override name = 'CertificateFileError';
  readonly messageKey = 'certificateFile.invalid';
}

/**
 * Reads the certificate of a PEM, DER or PKCS#7 file with the PKI engine's reader, as DER hex; the
 * contract checks its shape again. A bundle gives its first certificate.
 */
export async function readCertificateFile(file: Blob): Promise<Hex> {
  let first: { readonly der: Uint8Array } | undefined;
  try {
    [first] = await readCertificates(new Uint8Array(await file.arrayBuffer()));
  } catch (cause) {
    throw new CertificateFileError('The file is not a certificate.', { cause });
  }
  if (!first) throw new CertificateFileError('The file holds no certificate.');
  return bytesToHex(first.der);
}
