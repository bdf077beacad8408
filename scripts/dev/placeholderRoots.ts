import 'reflect-metadata';
// Demo trust anchors until the demo PKIs exist: a Brazil-shaped root (RSA-4096, SHA-512) and a
// China-shaped root (ECDSA P-256), self-signed, generated once into the data folder.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

export type DemoRoot = { readonly country: 'BR' | 'CN'; readonly der: Uint8Array; readonly file: string };

async function selfSigned(name: string, algorithm: RsaHashedKeyGenParams | EcKeyGenParams, signing: Algorithm | EcdsaParams): Promise<Uint8Array> {
  const keys = (await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name,
    notBefore: new Date(now - 24 * 3600_000),
    notAfter: new Date(now + 10 * 365 * 24 * 3600_000),
    keys,
    signingAlgorithm: signing,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return new Uint8Array(cert.rawData);
}

export async function ensurePlaceholderRoots(dir: string): Promise<DemoRoot[]> {
  mkdirSync(dir, { recursive: true });
  const specs = [
    {
      country: 'BR' as const,
      file: path.join(dir, 'br-root.der'),
      make: () =>
        selfSigned(
          'C=BR, O=ICP-Brasil (demo), OU=Instituto Nacional de Tecnologia da Informacao - ITI, CN=Autoridade Certificadora Raiz Brasileira Demo v1',
          { name: 'RSASSA-PKCS1-v1_5', modulusLength: 4096, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-512' },
          { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' } as Algorithm,
        ),
    },
    {
      country: 'CN' as const,
      file: path.join(dir, 'cn-root.der'),
      make: () => selfSigned('C=CN, O=National PKI (demo), CN=Demo ROOTCA', { name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams),
    },
  ];
  const roots: DemoRoot[] = [];
  for (const spec of specs) {
    if (!existsSync(spec.file)) writeFileSync(spec.file, await spec.make());
    roots.push({ country: spec.country, der: new Uint8Array(readFileSync(spec.file)), file: spec.file });
  }
  return roots;
}
