import {
  BasicConstraintsExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  X509CertificateGenerator,
  type X509Certificate,
} from '@peculiar/x509';

export interface TestIdentity {
  readonly certificate: X509Certificate;
  readonly keys: CryptoKeyPair;
}

export interface TestTokenPki {
  readonly ca: TestIdentity;
  /** RSA-2048 leaf, RSASSA-PKCS1-v1_5 with SHA-256. */
  readonly rsa: TestIdentity;
  /** ECDSA P-256 leaf. */
  readonly ec: TestIdentity;
  /** The leaves' private keys as PKCS#8, to import into an in-memory or a SoftHSM2 token. */
  readonly rsaPkcs8: ArrayBuffer;
  readonly ecPkcs8: ArrayBuffer;
}

const RSA = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

function serial(crypto: Crypto): string {
  // Positive, 8 bytes.
  return '01' + Buffer.from(crypto.getRandomValues(new Uint8Array(8))).toString('hex');
}

/** A one-level test hierarchy: a P-256 CA and two signing leaves (RSA and P-256), valid for a day. */
export async function createTestTokenPki(crypto: Crypto = globalThis.crypto): Promise<TestTokenPki> {
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + 24 * 60 * 60 * 1000);
  const caKeys = await crypto.subtle.generateKey(EC, false, ['sign', 'verify']);
  const caCertificate = await X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial(crypto),
      name: 'CN=Test Token CA, O=Fortify e2e, C=BR',
      notBefore,
      notAfter,
      keys: caKeys,
      signingAlgorithm: EC,
      extensions: [
        new BasicConstraintsExtension(true, 0, true),
        new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
      ],
    },
    crypto,
  );
  const leaf = async (commonName: string, algorithm: typeof RSA | typeof EC) => {
    const keys = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
    const certificate = await X509CertificateGenerator.create(
      {
        serialNumber: serial(crypto),
        subject: `CN=${commonName}, O=Fortify e2e, C=BR`,
        issuer: caCertificate.subject,
        notBefore,
        notAfter,
        publicKey: keys.publicKey,
        signingKey: caKeys.privateKey,
        signingAlgorithm: EC,
        extensions: [
          new BasicConstraintsExtension(false, undefined, true),
          new KeyUsagesExtension(KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation, true),
        ],
      },
      crypto,
    );
    return { certificate, keys };
  };
  const rsa = await leaf('Alice RSA', RSA);
  const ec = await leaf('Alice ECDSA', EC);
  const rsaPkcs8 = await crypto.subtle.exportKey('pkcs8', rsa.keys.privateKey);
  const ecPkcs8 = await crypto.subtle.exportKey('pkcs8', ec.keys.privateKey);
  return { ca: { certificate: caCertificate, keys: caKeys }, rsa, ec, rsaPkcs8, ecPkcs8 };
}
