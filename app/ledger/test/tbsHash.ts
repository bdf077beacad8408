// Test support: a certificate's identity as the contracts name it, SHA-256 of its tbsCertificate, read by
// the PKI engine (`Certificate.identity`). Test support only: the ledger's own code never imports app/pki.
import { hexToBytes, type Hex } from 'viem';
/* eslint-disable app/layers */
import { parseCertificateSync } from '@/pki';
/* eslint-enable app/layers */

/** `0x`-prefixed SHA-256 of the certificate's signed tbsCertificate. */
export function tbsHash(der: Hex | Uint8Array): Hex {
  return `0x${parseCertificateSync(typeof der === 'string' ? hexToBytes(der) : der).identity}`;
}
