// Over 300 lines: the demo PKIs of both countries (RSA, P-256, SM2) described as data in one file.
/**
 * Builds the two demo PKIs of the embedded default, in memory (the caller writes the files):
 * - Brazil-shaped: RSA-4096 root (SHA-512) -> RSA-4096 CA (SHA-512) -> RSA-2048 holders signed with
 *   SHA-512, ICP-Brasil A3-style policy and CPF/CNPJ otherNames, keyUsage digitalSignature+nonRepudiation;
 * - China-shaped: ECDSA P-256 root -> CA -> holders;
 * - China-shaped SM2 (SM2-with-SM3 throughout): root -> CA -> a person and an organisation, whose
 *   PKCS#12 files hold SM2 keys as OpenSSL 3 writes them (app/signers opens them as software keys).
 * Holders come as PKCS#12 files (PBES2/AES-256) with one demo password. These are demo
 * identities: their policy OIDs only imitate ICP-Brasil's and no real authority issued them.
 */
import type * as pkijs from 'pkijs';
import * as asn1js from 'asn1js';
import { exportPkcs12 } from '../pkcs12/export';
import { encodePersonData, ICP_BRASIL_OIDS } from '../profiles/icpBrasil';
import { digest, toHex, toPem } from '../bytes';
import {
  KEY_USAGE,
  certificateDer,
  generateDemoKeyPair,
  issueCertificate,
  type DemoHash,
  type DemoKeyType,
  type DemoName,
  type DemoOtherName,
  type DemoSigningKey,
  type IssuerKey,
  generateSm2DemoKeyPair,
  sm2DemoPkcs8,
  sm2SubjectPublicKeyInfo,
} from './issue';

export const DEMO_PASSWORD = 'demo-pki-2026';

/** A3-style demo policy OID (under the ICP-Brasil A3 arc 2.16.76.1.2.3; the index is made up). */
export const DEMO_ICP_BRASIL_A3_POLICY = '2.16.76.1.2.3.9999';

const EKU = { clientAuth: '1.3.6.1.5.5.7.3.2', emailProtection: '1.3.6.1.5.5.7.3.4' } as const;
const YEAR = 365 * 86_400_000;

export type DemoCertificateEntry = {
  readonly subject: string;
  /** Paths relative to the output folder. */
  readonly der: string;
  readonly pem: string;
  /** Lower-case hex SHA-256 of the DER. */
  readonly sha256: string;
  readonly key: DemoKeyType;
  readonly signatureHash: DemoHash | 'SM3';
};

export type DemoHolderEntry = DemoCertificateEntry & {
  readonly id: string;
  readonly kind: 'person' | 'company';
  /** The holder's PKCS#12 file (RSA, P-256 or SM2 key). */
  readonly pkcs12: string | undefined;
  /** DER paths of the certification path, holder first, root last. */
  readonly path: readonly string[];
  readonly cpf?: string;
  readonly cnpj?: string;
};

export type DemoPkiManifest = {
  readonly id: 'br' | 'cn' | 'cn-sm2';
  readonly country: 'BR' | 'CN';
  readonly description: string;
  readonly root: DemoCertificateEntry;
  readonly intermediates: readonly DemoCertificateEntry[];
  readonly holders: readonly DemoHolderEntry[];
};

export type DemoManifest = {
  readonly version: 1;
  readonly generatedAt: string;
  /** The password of every holder's PKCS#12 file (demo identities only). */
  readonly password: string;
  readonly pkis: readonly DemoPkiManifest[];
};

export type BuildDemoPkisReturnType = {
  readonly manifest: DemoManifest;
  /** Relative path -> content (manifest.json included). */
  readonly files: ReadonlyMap<string, Uint8Array | string>;
  /** Milliseconds spent per step, for the command line to print. */
  readonly timings: Readonly<Record<string, number>>;
};

type Issued = { entry: DemoCertificateEntry; der: Uint8Array; issuerKey: IssuerKey };
type DemoKeys = { readonly publicKey: CryptoKey | Uint8Array; readonly privateKey: DemoSigningKey };

async function generateKeys(type: DemoKeyType, hash: DemoHash): Promise<DemoKeys> {
  if (type === 'sm2') {
    const pair = generateSm2DemoKeyPair();
    return { publicKey: sm2SubjectPublicKeyInfo(pair.publicKey), privateKey: pair };
  }
  return generateDemoKeyPair(type, hash);
}

function nameString(name: DemoName): string {
  return [...name]
    .reverse()
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

function randomSerial(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0]! & 0x7f) | 0x01; // positive, 16 bytes
  return toHex(bytes);
}

const octetText = (text: string) => new asn1js.OctetString({ valueHex: new TextEncoder().encode(text) });

type DemoKeySpec = { readonly key: DemoKeyType; readonly keyHash: DemoHash; readonly signatureHash: DemoHash };

type DemoHolderSpec = {
  readonly id: 'holder-person' | 'holder-company';
  readonly kind: DemoHolderEntry['kind'];
  /** The name below the PKI's base name. */
  readonly name: DemoName;
  /** The taxpayer number the manifest records (ICP-Brasil holders). */
  readonly cpf?: string;
  readonly cnpj?: string;
  readonly email?: string;
  readonly policies?: readonly string[];
  readonly otherNames?: readonly DemoOtherName[];
};

/** One demo PKI as data: a root, one issuing CA below it, and its holders. */
type DemoPkiSpec = Pick<DemoPkiManifest, 'id' | 'country' | 'description'> & {
  readonly base: DemoName;
  readonly rootName: DemoName;
  readonly caName: DemoName;
  readonly caKeys: DemoKeySpec;
  readonly holderKeys: DemoKeySpec;
  readonly holders: readonly DemoHolderSpec[];
  /** The signature the manifest records when the hash does not name it (SM2 signs SM2-with-SM3 throughout). */
  readonly recordedSignatureHash?: 'SM3';
};

/** The China-shaped PKIs differ only in their keys and in the algorithm their names carry (`tag`). */
function chinaShaped(id: 'cn' | 'cn-sm2', keys: DemoKeySpec, tag: string, person: { readonly name: string; readonly email: string }, description: string): DemoPkiSpec {
  return {
    id,
    country: 'CN',
    description,
    base: [['C', 'CN'], ['O', `Demo China${tag} Trust Services`]],
    rootName: [['CN', `Demo China${tag} Root CA`]],
    caName: [['CN', `Demo China${tag} Issuing CA`]],
    caKeys: keys,
    holderKeys: keys,
    holders: [
      { id: 'holder-person', kind: 'person', name: [['OU', 'Individuals'], ['CN', person.name]], email: person.email },
      { id: 'holder-company', kind: 'company', name: [['OU', 'Organizations'], ['CN', `Demo${tag} Trading Co., Ltd.`]] },
    ],
  };
}

/** The three demo PKIs; a function, so the entry builds no ASN.1 when imported. */
function demoPkiSpecs(): readonly DemoPkiSpec[] {
  const cpf = '12345678909';
  const cnpj = '11222333000181';
  const brHolderBase: DemoName = [['OU', 'AC Demo Pessoas e Empresas v1'], ['OU', 'Presencial']];
  const p256 = { key: 'p-256', keyHash: 'SHA-256', signatureHash: 'SHA-256' } as const;
  const sm2 = { key: 'sm2', keyHash: 'SHA-256', signatureHash: 'SHA-256' } as const;
  return [
    {
      id: 'br',
      country: 'BR',
      description: 'Brazil-shaped demo PKI (ICP-Brasil-style names and policies; not issued by ITI)',
      base: [['C', 'BR'], ['O', 'ICP-Brasil Demo']],
      rootName: [['OU', 'Instituto Nacional de Tecnologia da Informacao - ITI (demo)'], ['CN', 'Autoridade Certificadora Raiz Brasileira Demo v1']],
      caName: [['OU', 'Autoridade Certificadora Raiz Brasileira Demo v1'], ['CN', 'AC Demo Pessoas e Empresas v1']],
      caKeys: { key: 'rsa-4096', keyHash: 'SHA-512', signatureHash: 'SHA-512' },
      holderKeys: { key: 'rsa-2048', keyHash: 'SHA-256', signatureHash: 'SHA-512' },
      holders: [
        {
          id: 'holder-person',
          kind: 'person',
          name: [...brHolderBase, ['CN', `MARIA DA SILVA DEMO:${cpf}`]],
          cpf,
          policies: [DEMO_ICP_BRASIL_A3_POLICY],
          email: 'maria.demo@example.invalid',
          otherNames: [
            { type: ICP_BRASIL_OIDS.personData, value: octetText(encodePersonData({ birthDate: '1980-07-15', cpf, nis: '12056412547', rg: '123456789', rgIssuer: 'SSPSP' })) },
            { type: ICP_BRASIL_OIDS.personCei, value: octetText('000000000000') },
            { type: ICP_BRASIL_OIDS.voterId, value: octetText('0123456789120010123SAO PAULO SP') },
          ],
        },
        {
          id: 'holder-company',
          kind: 'company',
          name: [...brHolderBase, ['CN', `EMPRESA DEMO LTDA:${cnpj}`]],
          cnpj,
          policies: [DEMO_ICP_BRASIL_A3_POLICY],
          otherNames: [
            { type: ICP_BRASIL_OIDS.responsiblePersonData, value: octetText(encodePersonData({ birthDate: '1975-03-02', cpf: '98765432100', rg: '987654321', rgIssuer: 'SSPRJ' })) },
            { type: ICP_BRASIL_OIDS.responsibleName, value: octetText('JOAO PEREIRA DEMO') },
            { type: ICP_BRASIL_OIDS.cnpj, value: octetText(cnpj) },
            { type: ICP_BRASIL_OIDS.companyCei, value: octetText('000000000000') },
          ],
        },
      ],
    },
    chinaShaped('cn', p256, '', { name: 'Li Wei (demo)', email: 'li.wei.demo@example.invalid' }, 'China-shaped demo PKI (ECDSA P-256; not issued by any Chinese CA)'),
    {
      ...chinaShaped('cn-sm2', sm2, ' SM2', { name: 'Wang Fang (demo SM2)', email: 'wang.fang.demo@example.invalid' }, 'China-shaped SM2 demo PKI (SM2-with-SM3 throughout; not issued by any Chinese CA)'),
      recordedSignatureHash: 'SM3',
    },
  ];
}

export type BuildDemoPkisParameters = {
  /** Validity starts here (default: now minus one day, so clock skew does not matter). */
  readonly now?: Date;
};

export async function buildDemoPkis(parameters: BuildDemoPkisParameters = {}): Promise<BuildDemoPkisReturnType> {
  const files = new Map<string, Uint8Array | string>();
  const timings: Record<string, number> = {};
  const start = new Date((parameters.now ?? new Date()).getTime() - 86_400_000);
  const until = (years: number) => new Date(start.getTime() + years * YEAR);

  async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
    const began = performance.now();
    try {
      return await work();
    } finally {
      timings[label] = Math.round(performance.now() - began);
    }
  }

  async function issue(
    folder: string,
    file: string,
    options: {
      name: DemoName;
      key: DemoKeyType;
      keyHash: DemoHash;
      signatureHash: DemoHash;
      issuer?: IssuerKey;
      years: number;
      ca?: { pathLength?: number };
      policies?: readonly string[];
      otherNames?: readonly DemoOtherName[];
      email?: string;
    },
  ): Promise<Issued & { keys: DemoKeys }> {
    const keys = await timed(`${folder}/${file} key (${options.key})`, () => generateKeys(options.key, options.keyHash));
    const certificate: pkijs.Certificate = await issueCertificate({
      subject: options.name,
      publicKey: keys.publicKey,
      ...(options.issuer ? { issuer: options.issuer } : { selfSigningKey: keys.privateKey }),
      serialNumber: randomSerial(),
      notBefore: start,
      notAfter: until(options.years),
      ...(options.ca ? { ca: options.ca } : {}),
      keyUsage: options.ca ? KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign : KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation,
      hash: options.signatureHash,
      ...(options.ca ? {} : { extendedKeyUsage: [EKU.clientAuth, EKU.emailProtection] }),
      ...(options.policies ? { policies: options.policies } : {}),
      ...(options.otherNames || options.email
        ? { subjectAltName: { ...(options.otherNames ? { otherNames: options.otherNames } : {}), ...(options.email ? { email: options.email } : {}) } }
        : {}),
      // No CRL distribution point: the demo CAs publish no CRL, and the verdict now asks a CA that names
      // one (a CRL that cannot be fetched makes the status unknown). Their revocations live in the Trust Store.
    });
    const der = certificateDer(certificate);
    files.set(`${folder}/${file}.der`, der);
    files.set(`${folder}/${file}.pem`, toPem(der, 'CERTIFICATE'));
    const entry: DemoCertificateEntry = {
      subject: nameString(options.name),
      der: `${folder}/${file}.der`,
      pem: `${folder}/${file}.pem`,
      sha256: toHex(await digest('SHA-256', der)),
      key: options.key,
      signatureHash: options.signatureHash,
    };
    return { entry, der, keys, issuerKey: { certificate, privateKey: keys.privateKey } };
  }

  async function holderFile(
    folder: string,
    id: string,
    issued: Issued & { keys: DemoKeys },
    path: readonly Issued[],
    extra: { kind: 'person' | 'company'; cpf?: string; cnpj?: string },
  ): Promise<DemoHolderEntry> {
    const pathDer = [issued.entry.der, ...path.map((c) => c.entry.der)];
    const key = issued.keys.privateKey;
    const p12 = await exportPkcs12({
      privateKey: key instanceof CryptoKey ? key : sm2DemoPkcs8(key),
      certificates: [issued.der, ...path.map((certificate) => certificate.der)],
      password: DEMO_PASSWORD,
      friendlyName: issued.entry.subject,
    });
    files.set(`${folder}/${id}.p12`, p12);
    return { ...issued.entry, id, pkcs12: `${folder}/${id}.p12`, path: pathDer, ...extra };
  }

  /** One PKI: its root (twenty years), then its issuing CA (fifteen), then its holders (three) and their files. */
  async function buildPki(spec: DemoPkiSpec): Promise<DemoPkiManifest> {
    const recorded = <entry extends DemoCertificateEntry>(entry: entry): entry => (spec.recordedSignatureHash ? { ...entry, signatureHash: spec.recordedSignatureHash } : entry);
    const root = await issue(spec.id, 'root', { ...spec.caKeys, name: [...spec.base, ...spec.rootName], years: 20, ca: {} });
    const ca = await issue(spec.id, 'ca', { ...spec.caKeys, name: [...spec.base, ...spec.caName], issuer: root.issuerKey, years: 15, ca: { pathLength: 0 } });
    const issued = [];
    for (const holder of spec.holders) {
      const { email, policies, otherNames } = holder;
      issued.push({ holder, certificate: await issue(spec.id, holder.id, { ...spec.holderKeys, name: [...spec.base, ...holder.name], issuer: ca.issuerKey, years: 3, policies, otherNames, email }) });
    }
    // The PKCS#12 files after every certificate, as the manifest lists them.
    const holders: DemoHolderEntry[] = [];
    for (const { holder: { id, kind, cpf, cnpj }, certificate } of issued) {
      holders.push(recorded(await holderFile(spec.id, id, certificate, [ca, root], { kind, ...(cpf ? { cpf } : {}), ...(cnpj ? { cnpj } : {}) })));
    }
    return { id: spec.id, country: spec.country, description: spec.description, root: recorded(root.entry), intermediates: [recorded(ca.entry)], holders };
  }

  const pkis: DemoPkiManifest[] = [];
  for (const spec of demoPkiSpecs()) pkis.push(await buildPki(spec));

  const manifest: DemoManifest = {
    version: 1,
    generatedAt: new Date().toISOString(),
    password: DEMO_PASSWORD,
    pkis,
  };
  files.set('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, files, timings };
}
