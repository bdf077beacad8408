// A small Brazilian PKI made for one test (root -> CA -> holder, P-256), so what the test does to it
// (anchor, suspend, revoke) leaves the shared demo PKIs, which the other specs use, untouched.
import { exportPkcs12, toPem } from '@/pki';
import { certificateDer, generateDemoKeyPair, issueCertificate, KEY_USAGE, type IssuerKey } from '@/pki/testing';

export const drillPassword = 'revocation-drill';

export async function makeDrillPki(label: string) {
  const notBefore = new Date(Date.now() - 86_400_000);
  const notAfter = new Date(Date.now() + 365 * 86_400_000);
  const base = [['C', 'BR'], ['O', `Revocation drill ${label}`]] as const;
  const rootKeys = await generateDemoKeyPair('p-256');
  const root = await issueCertificate({
    subject: [...base, ['CN', `Drill Root ${label}`]],
    publicKey: rootKeys.publicKey,
    selfSigningKey: rootKeys.privateKey,
    serialNumber: '01',
    notBefore,
    notAfter,
    ca: {},
    keyUsage: KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign,
    hash: 'SHA-256',
  });
  const caKeys = await generateDemoKeyPair('p-256');
  const rootIssuer: IssuerKey = { certificate: root, privateKey: rootKeys.privateKey };
  const ca = await issueCertificate({
    subject: [...base, ['CN', `Drill CA ${label}`]],
    publicKey: caKeys.publicKey,
    issuer: rootIssuer,
    serialNumber: '02',
    notBefore,
    notAfter,
    ca: { pathLength: 0 },
    keyUsage: KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign,
    hash: 'SHA-256',
  });
  const holderKeys = await generateDemoKeyPair('p-256');
  const holder = await issueCertificate({
    subject: [...base, ['CN', `Drill Holder ${label}`]],
    publicKey: holderKeys.publicKey,
    issuer: { certificate: ca, privateKey: caKeys.privateKey },
    serialNumber: '03',
    notBefore,
    notAfter,
    keyUsage: KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation,
    hash: 'SHA-256',
  });
  const [rootDer, caDer, holderDer] = [root, ca, holder].map(certificateDer) as [Uint8Array, Uint8Array, Uint8Array];
  const pkcs12 = await exportPkcs12({ privateKey: holderKeys.privateKey, certificates: [holderDer, caDer, rootDer], password: drillPassword, friendlyName: `Drill Holder ${label}` });
  return { rootDer, caDer, caPem: toPem(caDer, 'CERTIFICATE'), pkcs12 };
}
