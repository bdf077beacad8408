import { bytesToHex, type Hex } from 'viem';

export class CertificateFileError extends Error {
  override name = 'CertificateFileError';
  readonly messageKey = 'certificateFile.invalid';
}

/** Reads one certificate from a PEM or DER file as DER hex; the contract checks its shape again. */
export async function readCertificateFile(file: Blob): Promise<Hex> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder('latin1').decode(bytes);
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(text);
  if (pem?.[1]) {
    const binary = atob(pem[1].replace(/\s+/g, ''));
    return bytesToHex(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  }
  // DER: a SEQUENCE with a definite length.
  if (bytes[0] === 0x30 && (bytes[1] ?? 0) >= 0x80) return bytesToHex(bytes);
  throw new CertificateFileError('The file is neither a PEM nor a DER certificate.');
}
