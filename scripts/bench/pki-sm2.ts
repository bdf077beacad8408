/**
 * The SM2 cases of bench:pki (issue #11 goals: SM2 sign + CMS assembly <= 50 ms, SM2 validation of a
 * 3-certificate path <= 20 ms), each beside sm-crypto-v2, an independent SM2 implementation on npm,
 * doing the same SM2 work (the ratio is ours / theirs).
 */
import { sm2 as independent } from 'sm-crypto-v2';
import { buildAndValidatePath, clearPkiCaches, createCmsSignature, createSm2PrivateKey, parseCertificate, toHex } from '../../app/pki/index';
import { certificateDer, generateSm2DemoKeyPair, issueCertificate, KEY_USAGE, sm2SubjectPublicKeyInfo, type IssuerKey } from '../../app/pki/testing';

export type Sm2BenchResult = {
  readonly name: string;
  readonly engine_ms: number;
  readonly sm_crypto_v2_ms: number;
  /** engine / sm-crypto-v2 over the same SM2 work. */
  readonly ratio: number;
  readonly goal_ms: number;
};

type Timer = (runs: number, fns: readonly (() => Promise<unknown>)[]) => Promise<number[]>;
const round = (x: number) => Math.round(x * 1000) / 1000;

/** root -> CA -> holder, SM2-with-SM3 throughout. */
async function sm2Path() {
  const notBefore = new Date('2026-01-01T00:00:00Z');
  const notAfter = new Date('2036-01-01T00:00:00Z');
  const keys = [generateSm2DemoKeyPair(), generateSm2DemoKeyPair(), generateSm2DemoKeyPair()] as const;
  const issued: { der: Uint8Array; issuerKey: IssuerKey }[] = [];
  for (const [index, key] of keys.entries()) {
    const issuer = issued[index - 1]?.issuerKey;
    const certificate = await issueCertificate({
      subject: [['C', 'CN'], ['O', 'SM2 Bench'], ['CN', ['SM2 Bench Root', 'SM2 Bench CA', 'SM2 Bench Holder'][index]!]],
      publicKey: sm2SubjectPublicKeyInfo(key.publicKey),
      ...(issuer ? { issuer } : { selfSigningKey: key }),
      serialNumber: `0${index + 1}`,
      notBefore,
      notAfter,
      ...(index < 2 ? { ca: index === 1 ? { pathLength: 0 } : {} } : {}),
      keyUsage: index < 2 ? KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign : KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation,
      hash: 'SHA-256',
    });
    issued.push({ der: certificateDer(certificate), issuerKey: { certificate, privateKey: key } });
  }
  return { keys, ders: issued.map((entry) => entry.der) };
}

/** tbsCertificate and signature value of a certificate, for the independent implementation. */
async function links(ders: readonly Uint8Array[]) {
  const parsed = await Promise.all(ders.map((der) => parseCertificate(der)));
  return parsed.slice(1).map((subject, index) => ({
    tbs: subject.tbsDer,
    signature: toHex(subject.signatureValue),
    issuerPoint: toHex(parsed[index]!.subjectPublicKeyInfo.publicKey),
  }));
}

export async function benchSm2(runs: number, timeInterleaved: Timer, log: (line: string) => void): Promise<Sm2BenchResult[]> {
  const { keys, ders } = await sm2Path();
  const [rootDer, caDer, holderDer] = ders as [Uint8Array, Uint8Array, Uint8Array];
  const holderKey = keys[2];
  const scalarHex = holderKey.privateScalar.toString(16).padStart(64, '0');
  const signer = createSm2PrivateKey(Uint8Array.from(Buffer.from(scalarHex, 'hex')));
  const publicHex = toHex(holderKey.publicKey.toBytes(false));
  const content = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const sample = await createCmsSignature({ content, signerCertificate: holderDer, certificates: [caDer], sign: async (data) => signer.sign(data) });

  const [signEngine, signIndependent] = (await timeInterleaved(runs, [
    () => createCmsSignature({ content, signerCertificate: holderDer, certificates: [caDer], sign: async (data) => signer.sign(data) }),
    // The same SM2 work: SM3(ZA || signed attributes) and the signature, DER-encoded.
    async () => independent.doSignature(sample.signedAttributes, scalarHex, { der: true, hash: true, publicKey: publicHex }),
  ])) as [number, number];

  const pathLinks = await links(ders);
  const time = new Date('2030-01-01T00:00:00Z');
  const [pathEngine, pathIndependent] = (await timeInterleaved(runs, [
    async () => {
      clearPkiCaches();
      const [target, ca, root] = await Promise.all([parseCertificate(holderDer), parseCertificate(caDer), parseCertificate(rootDer)]);
      const result = await buildAndValidatePath({ target, intermediates: [ca], trustAnchors: [root], time });
      if (!result.valid) throw new Error('SM2 bench path does not validate');
    },
    // The floor: the two SM2 link signatures, nothing of RFC 5280.
    async () => {
      for (const link of pathLinks) if (!independent.doVerifySignature(link.tbs, link.signature, link.issuerPoint, { der: true, hash: true })) throw new Error('link');
    },
  ])) as [number, number];
  signer.destroy();

  const results: Sm2BenchResult[] = [
    { name: 'sm2 sign + CMS assembly', engine_ms: round(signEngine), sm_crypto_v2_ms: round(signIndependent), ratio: round(signEngine / signIndependent), goal_ms: 50 },
    { name: 'sm2 3-certificate path validation', engine_ms: round(pathEngine), sm_crypto_v2_ms: round(pathIndependent), ratio: round(pathEngine / pathIndependent), goal_ms: 20 },
  ];
  for (const r of results) {
    log(`${r.name.padEnd(34)} engine ${r.engine_ms.toFixed(2).padStart(8)} ms  sm-crypto-v2 ${r.sm_crypto_v2_ms.toFixed(2).padStart(7)} ms  ratio ${r.ratio.toFixed(2)}  (goal <= ${r.goal_ms} ms)\n`);
  }
  return results;
}
