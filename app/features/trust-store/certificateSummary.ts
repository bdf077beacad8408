import { Certificate } from 'pkijs';
import { hexToBytes, sha256, type Hex } from 'viem';

export type CertificateSummary = {
  readonly subject: string;
  readonly commonName: string | undefined;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly fingerprint: string;
};

const shortNames: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
};

/** What a person needs to recognise a root certificate: its name, validity and SHA-256 fingerprint. */
export function summariseCertificate(der: Hex): CertificateSummary {
  const certificate = Certificate.fromBER(new Uint8Array(hexToBytes(der)));
  const attributes = certificate.subject.typesAndValues.map((tv) => ({
    type: shortNames[tv.type] ?? tv.type,
    value: String(tv.value.valueBlock.value),
  }));
  return {
    subject: attributes.map((a) => `${a.type}=${a.value}`).join(', '),
    commonName: attributes.find((a) => a.type === 'CN')?.value,
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
    fingerprint: sha256(der).slice(2).toUpperCase().replace(/(..)(?!$)/g, '$1:'),
  };
}
