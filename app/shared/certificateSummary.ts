import { useQuery } from '@tanstack/react-query';
import { hexToBytes, type Hex } from 'viem';

export type CertificateSummary = {
  readonly subject: string;
  readonly commonName: string | undefined;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly fingerprint: string;
};

/**
 * What a person needs to recognise a root certificate: its name, validity and SHA-256 fingerprint,
 * read by the PKI engine's parser (memoised by fingerprint, so each DER is parsed once).
 */
export async function summariseCertificate(der: Hex): Promise<CertificateSummary> {
  // The PKI library loads after the first page has drawn: the home page needs it only for these names.
  const { formatName, nameAttributes, NameOid, parseCertificate } = await import('@/pki');
  const certificate = await parseCertificate(hexToBytes(der));
  return {
    subject: formatName(certificate.subject),
    commonName: nameAttributes(certificate.subject, NameOid.commonName)[0],
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    fingerprint: certificate.fingerprintSha256.toUpperCase().replace(/(..)(?!$)/g, '$1:'),
  };
}

/** The summary of a DER certificate, cached for the session: a DER never changes. */
export function useCertificateSummary(der: Hex | undefined) {
  return useQuery({
    queryKey: ['certificateSummary', der],
    queryFn: () => summariseCertificate(der!),
    enabled: der !== undefined,
    staleTime: Infinity,
  });
}
