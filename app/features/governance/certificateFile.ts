import { BaseError, type BaseErrorOptions } from '@/errors';
import { CERTIFICATE_FILE_MAX_BYTES, readBoundedFile, readCertificates, type Certificate } from '@/pki';

/** A chosen file is not a certificate file the engine reads (the engine's own error is the cause). */
export class CertificateFileError extends BaseError {
  override name = 'CertificateFileError';
  constructor(details: string, options: BaseErrorOptions = {}) {
    super('The file is not a certificate.', { messageKey: 'certificateFile.invalid', details, ...options });
  }
}

/**
 * Reads the certificates of a PEM, DER or PKCS#7 file with the PKI engine's reader: the one to act on
 * first, then any others the file bundles (its issuers). The contract checks the DER again.
 */
export async function readCertificateFile(file: Blob): Promise<readonly [Certificate, ...Certificate[]]> {
  let certificates: Certificate[];
  // Over the cap, the engine's own sentence (PkiLimitError) says why; the file is never read.
  const bytes = await readBoundedFile(file, CERTIFICATE_FILE_MAX_BYTES);
  try {
    certificates = await readCertificates(bytes);
  } catch (cause) {
    throw new CertificateFileError('the engine could not read it', { cause });
  }
  const [first, ...others] = certificates;
  if (!first) throw new CertificateFileError('the file holds no certificate');
  return [first, ...others];
}
