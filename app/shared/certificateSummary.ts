import { useQuery } from '@tanstack/react-query';
import { hexToBytes, type Hex } from 'viem';

export type CertificateSummary = {
  readonly subject: string;
  readonly commonName: string | undefined;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly fingerprint: string;
};

const COMMON_NAME = '2.5.4.3';

/**
 * What a person needs to recognise a root certificate: its name, validity and SHA-256 fingerprint,
 * read by the PKI engine's parser (memoised by fingerprint, so each DER is parsed once).
 */
export async function summariseCertificate(der: Hex): Promise<CertificateSummary> {
  // The PKI library loads after the first page has drawn: the home page needs it only for these names.
  const { formatName, parseCertificate } = await import('@/pki');
  const certificate = await parseCertificate(hexToBytes(der));
  return {
    subject: formatName(certificate.subject),
    commonName: certificate.subject.rdns.flat().find((a) => a.type === COMMON_NAME)?.text,
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
