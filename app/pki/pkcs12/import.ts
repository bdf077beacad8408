// Over 300 lines: one PFX walk (MAC, safes, bags, key and certificate matching) that reads best in one place.
/**
 * PKCS#12 (.p12/.pfx) import for software certificates (ICP-Brasil A1 and the like): checks the MAC,
 * decrypts key and certificate bags (PBES2 with AES, or the legacy 3DES/RC2 schemes), and imports
 * the private key into WebCrypto as non-extractable, or, for SM2 (which WebCrypto lacks), into a
 * software key that only signs (crypto/sm2-sign.ts). The password lives only in this call.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CURVE_OIDS, KeyOid } from '../oids';
import { createSm2PrivateKey, type Sm2PrivateKey } from '../crypto/sm2-sign';
import { isSm2PublicKey, sm2PublicKey } from '../crypto/sm2';
import { readSm2PrivateKeyInfo } from './sm2-key';
import { bytesEqual, toArrayBuffer } from '../bytes';
import { expectSequence, isContext, parseDer } from '../der/asn1';
import {
  PkiError,
  Pkcs12KeyMismatchError,
  Pkcs12MalformedError,
  Pkcs12UnsupportedError,
  Pkcs12WrongPasswordError,
  Sm2SigningUnsupportedError,
  UnsupportedAlgorithmError,
} from '../errors';
import { bmpPassword, createKdfBudget, iterationCount, pkcs12Kdf, spendIterations, type KdfBudget, type Pkcs12KdfHash } from './kdf';
import { decryptWithPassword } from './pbe';
import { checkFileSize, PKCS12_FILE_MAX_BYTES } from '../limits';

const OIDS = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  pbmac1: '1.2.840.113549.1.5.14',
} as const;

const MAC_HASHES: Readonly<Record<string, Pkcs12KdfHash>> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

export type ImportPkcs12Parameters = {
  /** The .p12/.pfx file (DER). */
  readonly data: Uint8Array;
  readonly password: string;
};

type OpenedPkcs12 = {
  /** The holder's certificate (DER). */
  readonly leaf: Uint8Array;
  /** Every certificate in the file (DER), the leaf first. */
  readonly certificates: readonly Uint8Array[];
  /** The friendlyName of the key (or its certificate), when the file has one. */
  readonly friendlyName: string | undefined;
};

/** A file whose key WebCrypto holds (RSA, ECDSA P-256/384/521). */
export type ImportPkcs12ReturnType = OpenedPkcs12 & {
  /** Non-extractable signing key: RSASSA-PKCS1-v1_5 with SHA-256, or ECDSA on the key's curve. */
  readonly privateKey: CryptoKey;
};

export type OpenPkcs12ReturnType =
  | (ImportPkcs12ReturnType & { readonly keyKind: 'webcrypto' })
  | (OpenedPkcs12 & {
      readonly keyKind: 'sm2';
      /** WebCrypto has no SM2: a software key that only signs, zeroed by `destroy()` (crypto/sm2-sign.ts). */
      readonly privateKey: Sm2PrivateKey;
    });

type Bag = { readonly id: string; readonly value: unknown; readonly localKeyId?: Uint8Array; readonly friendlyName?: string };
type KeyEntry = { readonly pkcs8: Uint8Array; readonly localKeyId?: Uint8Array; readonly friendlyName?: string };
type CertificateEntry = { readonly der: Uint8Array; readonly parsed: pkijs.Certificate; readonly localKeyId?: Uint8Array; readonly friendlyName?: string };

function malformed(details: string, cause?: unknown): Pkcs12MalformedError {
  return new Pkcs12MalformedError({ details, cause });
}

function octetStringValue(value: unknown, what: string): Uint8Array {
  if (!(value instanceof asn1js.OctetString)) throw malformed(`${what} is not an OCTET STRING`);
  return new Uint8Array(value.getValue()); // also joins a constructed (BER) OCTET STRING
}

/**
 * The MAC's iteration count as the file wrote it (pkijs keeps only asn1js's `valueDec`, which reads a
 * four-octet count as 0): PFX ::= SEQUENCE { version, authSafe, macData SEQUENCE { mac, macSalt, iterations } }.
 */
function macIterations(pfx: asn1js.AsnType): number {
  const macData = pfx instanceof asn1js.Sequence ? pfx.valueBlock.value[2] : undefined;
  const field = macData instanceof asn1js.Sequence ? macData.valueBlock.value[2] : undefined;
  if (field === undefined) return 1; // DEFAULT 1
  if (!(field instanceof asn1js.Integer)) throw malformed('MAC iteration count is not an INTEGER');
  return iterationCount(field.valueBlock.valueHexView);
}

async function verifyMac(pfx: pkijs.PFX, pfxAsn1: asn1js.AsnType, authSafeBytes: Uint8Array, password: string, budget: KdfBudget): Promise<void> {
  const macData = pfx.macData;
  if (!macData) return;
  const algorithm = macData.mac.digestAlgorithm.algorithmId;
  if (algorithm === OIDS.pbmac1) throw new Pkcs12UnsupportedError('PBMAC1 integrity (RFC 9579)');
  const macHash = MAC_HASHES[algorithm];
  if (!macHash) throw new Pkcs12UnsupportedError(`MAC digest ${algorithm}`);
  const expected = new Uint8Array(macData.mac.digest.valueBlock.valueHexView);
  const iterations = macIterations(pfxAsn1);
  // Before any derivation: a count made to freeze the page is refused, not started.
  spendIterations(budget, iterations, 'MAC iteration count');
  const key = pkcs12Kdf({
    hash: macHash,
    purpose: 3,
    password: bmpPassword(password),
    salt: new Uint8Array(macData.macSalt.valueBlock.valueHexView),
    iterations,
    length: expected.length,
  });
  // WebCrypto's HMAC: the authSafe is the whole file, and a JavaScript hash not yet optimised in a fresh worker is slow over it.
  const macKey = await globalThis.crypto.subtle.importKey('raw', toArrayBuffer(key), { name: 'HMAC', hash: macHash }, false, ['sign']);
  const mac = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', macKey, toArrayBuffer(authSafeBytes)));
  if (!bytesEqual(mac, expected)) throw new Pkcs12WrongPasswordError();
}

function bagAttributes(bag: pkijs.SafeBag): { localKeyId?: Uint8Array; friendlyName?: string } {
  const out: { localKeyId?: Uint8Array; friendlyName?: string } = {};
  for (const attribute of bag.bagAttributes ?? []) {
    const value = attribute.values[0];
    if (attribute.type === OIDS.localKeyId && value instanceof asn1js.OctetString) out.localKeyId = new Uint8Array(value.getValue());
    if (attribute.type === OIDS.friendlyName && value instanceof asn1js.BmpString) out.friendlyName = value.valueBlock.value;
  }
  return out;
}

function parseSafeContents(bytes: Uint8Array): Bag[] {
  let safeContents: pkijs.SafeContents;
  try {
    safeContents = pkijs.SafeContents.fromBER(toArrayBuffer(bytes));
  } catch (cause) {
    throw malformed('bad SafeContents', cause);
  }
  return safeContents.safeBags.map((bag) => ({ id: bag.bagId, value: bag.bagValue, ...bagAttributes(bag) }));
}

/** A decryption whose padding fails means a wrong password; a wrong password that passes the
 * padding check (1 in 256) then fails to parse, which is reported the same way. */
async function decryptOrWrongPassword(algorithm: pkijs.AlgorithmIdentifier, password: string, ciphertext: Uint8Array, budget: KdfBudget) {
  const plaintext = await decryptWithPassword(algorithm, password, ciphertext, budget);
  if (!plaintext) throw new Pkcs12WrongPasswordError();
  return plaintext;
}

async function readBags(authSafeBytes: Uint8Array, password: string, macChecked: boolean, budget: KdfBudget): Promise<Bag[]> {
  let authenticatedSafe: pkijs.AuthenticatedSafe;
  try {
    authenticatedSafe = pkijs.AuthenticatedSafe.fromBER(toArrayBuffer(authSafeBytes));
  } catch (cause) {
    throw malformed('bad AuthenticatedSafe', cause);
  }
  const bags: Bag[] = [];
  for (const contentInfo of authenticatedSafe.safeContents) {
    if (contentInfo.contentType === OIDS.data) {
      bags.push(...parseSafeContents(octetStringValue(contentInfo.content, 'data content')));
    } else if (contentInfo.contentType === OIDS.encryptedData) {
      const encrypted = new pkijs.EncryptedData({ schema: contentInfo.content });
      const info = encrypted.encryptedContentInfo;
      let ciphertext: Uint8Array;
      try {
        ciphertext = new Uint8Array(info.getEncryptedContent()); // [0] IMPLICIT, possibly constructed
      } catch (cause) {
        throw malformed('encrypted data without content', cause);
      }
      const plaintext = await decryptOrWrongPassword(info.contentEncryptionAlgorithm, password, ciphertext, budget);
      try {
        bags.push(...parseSafeContents(plaintext));
      } catch (cause) {
        if (macChecked) throw cause;
        throw new Pkcs12WrongPasswordError({ cause });
      }
    } else {
      throw new Pkcs12UnsupportedError(`content type ${contentInfo.contentType} (public-key privacy mode)`);
    }
  }
  return bags;
}

async function collectEntries(bags: readonly Bag[], password: string, macChecked: boolean, budget: KdfBudget) {
  const keys: KeyEntry[] = [];
  const certificates: CertificateEntry[] = [];
  for (const bag of bags) {
    const attributes = { localKeyId: bag.localKeyId, friendlyName: bag.friendlyName };
    if (bag.id === OIDS.shroudedKeyBag) {
      const shrouded = bag.value as pkijs.PKCS8ShroudedKeyBag;
      const pkcs8 = await decryptOrWrongPassword(shrouded.encryptionAlgorithm, password, octetStringValue(shrouded.encryptedData, 'key'), budget);
      try {
        // pkijs cannot read SM2 keys (it knows no SM2 curve): those go through the strict reader.
        if (!readSm2PrivateKeyInfo(pkcs8)) pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(pkcs8));
      } catch (cause) {
        if (macChecked) throw malformed('the decrypted key is not PKCS#8', cause);
        throw new Pkcs12WrongPasswordError({ cause });
      }
      keys.push({ pkcs8, ...attributes });
    } else if (bag.id === OIDS.keyBag) {
      keys.push({ pkcs8: new Uint8Array((bag.value as pkijs.PrivateKeyInfo).toSchema().toBER()), ...attributes });
    } else if (bag.id === OIDS.certBag) {
      const certBag = bag.value as pkijs.CertBag;
      if (certBag.certId !== OIDS.x509Certificate || !(certBag.certValue instanceof asn1js.OctetString)) continue;
      const der = new Uint8Array(certBag.certValue.getValue());
      // pkijs already parsed an X.509 bag's certificate while reading the bag: parsing it again cost as much.
      const parsed = certBag.parsedValue instanceof pkijs.Certificate ? certBag.parsedValue : pkijs.Certificate.fromBER(toArrayBuffer(der));
      certificates.push({ der, parsed, ...attributes });
    }
  }
  return { keys, certificates };
}

function keyAlgorithmOf(privateKeyInfo: pkijs.PrivateKeyInfo): RsaHashedImportParams | EcKeyImportParams {
  const algorithm = privateKeyInfo.privateKeyAlgorithm;
  if (algorithm.algorithmId === KeyOid.rsaEncryption) return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  if (algorithm.algorithmId === KeyOid.ecPublicKey && algorithm.algorithmParams instanceof asn1js.ObjectIdentifier) {
    const curveOid = algorithm.algorithmParams.valueBlock.toString();
    const curve = (Object.keys(CURVE_OIDS) as (keyof typeof CURVE_OIDS)[]).find((name) => CURVE_OIDS[name] === curveOid);
    if (curve) return { name: 'ECDSA', namedCurve: curve };
    throw new UnsupportedAlgorithmError(`elliptic curve ${curveOid}`);
  }
  throw new UnsupportedAlgorithmError(`private key ${algorithm.algorithmId}`);
}

/**
 * Whether the certificate holds the public half of this private key (compares modulus or point);
 * undefined when the key carries nothing to compare (an EC key without its public point).
 */
function certificateMatchesKey(certificate: pkijs.Certificate, privateKeyInfo: pkijs.PrivateKeyInfo): boolean | undefined {
  const parsed = privateKeyInfo.parsedKey;
  const spki = certificate.subjectPublicKeyInfo;
  if (parsed instanceof pkijs.RSAPrivateKey) {
    const publicKey = spki.parsedKey;
    return publicKey instanceof pkijs.RSAPublicKey && bytesEqual(publicKey.modulus.valueBlock.valueHexView, parsed.modulus.valueBlock.valueHexView);
  }
  if (parsed instanceof pkijs.ECPrivateKey && parsed.publicKey) {
    return bytesEqual(new Uint8Array(parsed.publicKey.toSchema().toBER()), spki.subjectPublicKey.valueBlock.valueHexView);
  }
  return undefined;
}

/**
 * Opens a PKCS#12 file whose key WebCrypto can hold. Throws Pkcs12WrongPasswordError,
 * Pkcs12KeyMismatchError (the key is not the certificate's), Pkcs12MalformedError,
 * Pkcs12UnsupportedError, and Sm2SigningUnsupportedError for an SM2 key (use `openPkcs12`).
 */
export async function importPkcs12(parameters: ImportPkcs12Parameters): Promise<ImportPkcs12ReturnType> {
  const opened = await openPkcs12(parameters);
  if (opened.keyKind === 'sm2') {
    opened.privateKey.destroy();
    throw new Sm2SigningUnsupportedError({ details: 'importPkcs12 gives WebCrypto keys; an SM2 key opens with openPkcs12' });
  }
  const { keyKind: _keyKind, ...rest } = opened;
  return rest;
}

/**
 * Opens a PKCS#12 file, SM2 keys included: an SM2 key comes back as a software key
 * (`keyKind: 'sm2'`) whose `destroy()` the caller calls when the person is done with it. Throws as
 * `importPkcs12` does, but for SM2.
 */
export async function openPkcs12(parameters: ImportPkcs12Parameters): Promise<OpenPkcs12ReturnType> {
  try {
    return await readPkcs12(parameters);
  } catch (cause) {
    if (cause instanceof PkiError) throw cause;
    // pkijs and asn1js throw plain errors on structures they cannot read.
    throw malformed(cause instanceof Error ? cause.message : String(cause), cause);
  }
}

async function readPkcs12({ data, password }: ImportPkcs12Parameters): Promise<OpenPkcs12ReturnType> {
  checkFileSize(data.length, PKCS12_FILE_MAX_BYTES);
  let pfx: pkijs.PFX;
  let pfxAsn1: asn1js.AsnType;
  let authSafeBytes: Uint8Array;
  try {
    // One BER parse serves pkijs and the MAC's iteration count (macIterations).
    const parsed = asn1js.fromBER(toArrayBuffer(data));
    if (parsed.offset === -1) throw new Error(parsed.result.error || 'not BER');
    pfxAsn1 = parsed.result;
    pfx = new pkijs.PFX({ schema: pfxAsn1 });
    if (pfx.authSafe.contentType !== OIDS.data) throw new Error('authSafe is not data (public-key integrity mode)');
    authSafeBytes = octetStringValue(pfx.authSafe.content, 'authSafe');
  } catch (cause) {
    if (cause instanceof Pkcs12MalformedError) throw cause;
    throw malformed(cause instanceof Error ? cause.message : 'not a PFX', cause);
  }
  // One budget for every derivation of this file (limits.ts).
  const budget = createKdfBudget();
  await verifyMac(pfx, pfxAsn1, authSafeBytes, password, budget);
  const macChecked = pfx.macData !== undefined;
  const bags = await readBags(authSafeBytes, password, macChecked, budget);
  const { keys, certificates } = await collectEntries(bags, password, macChecked, budget);
  const key = keys[0];
  if (!key) throw malformed('the file holds no private key');
  if (keys.length > 1) throw new Pkcs12UnsupportedError('more than one private key in one file');
  if (certificates.length === 0) throw malformed('the file holds no certificate');

  const parsedCertificates = certificates.map((entry) => ({ entry, certificate: entry.parsed }));
  const byKeyId = parsedCertificates.find(({ entry }) => key.localKeyId && entry.localKeyId && bytesEqual(key.localKeyId, entry.localKeyId));
  const common = (leaf: (typeof parsedCertificates)[number]) => ({
    leaf: leaf.entry.der,
    certificates: [leaf.entry.der, ...certificates.filter((entry) => entry !== leaf.entry).map((entry) => entry.der)],
    friendlyName: key.friendlyName ?? leaf.entry.friendlyName,
  });

  const sm2 = readSm2PrivateKeyInfo(key.pkcs8);
  if (sm2) {
    // The decrypted PKCS#8 held the scalar too: only the key's own buffer may keep it.
    key.pkcs8.fill(0);
    const privateKey = createSm2PrivateKey(sm2.scalar);
    const matches = (certificateDer: Uint8Array) => {
      const spki = certificateSpki(certificateDer);
      return isSm2PublicKey(spki) && sm2PublicKey(spki).equals(privateKey.publicKey);
    };
    const stored = sm2.publicPoint;
    const consistent = stored === undefined || bytesEqual(stored, privateKey.publicKey.toBytes(false)) || bytesEqual(stored, privateKey.publicKey.toBytes(true));
    const leaf = consistent ? (byKeyId && matches(byKeyId.entry.der) ? byKeyId : parsedCertificates.find(({ entry }) => matches(entry.der))) : undefined;
    if (!leaf) {
      privateKey.destroy();
      throw new Pkcs12KeyMismatchError({ details: 'no certificate in the file holds the public half of its SM2 private key' });
    }
    return { ...common(leaf), keyKind: 'sm2', privateKey };
  }

  const privateKeyInfo = pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(key.pkcs8));
  const comparable = (certificate: pkijs.Certificate) => certificateMatchesKey(certificate, privateKeyInfo);
  // A localKeyId names the pair; the key must still be the certificate's, where the two can be compared.
  const leaf = byKeyId && comparable(byKeyId.certificate) !== false ? byKeyId : parsedCertificates.find(({ certificate }) => comparable(certificate) === true);
  if (!leaf) throw new Pkcs12KeyMismatchError({ details: 'no certificate in the file matches its private key' });

  const privateKey = await globalThis.crypto.subtle.importKey('pkcs8', toArrayBuffer(key.pkcs8), keyAlgorithmOf(privateKeyInfo), false, ['sign']);
  return { ...common(leaf), keyKind: 'webcrypto', privateKey };
}

/** The SubjectPublicKeyInfo DER of a certificate, read with the strict reader. */
function certificateSpki(certificateDer: Uint8Array): Uint8Array {
  const [tbs] = expectSequence(parseDer(certificateDer), 'Certificate');
  const fields = expectSequence(tbs, 'TBSCertificate');
  const offset = fields[0] && isContext(fields[0], 0) ? 1 : 0;
  const spki = fields[offset + 5];
  if (!spki) throw malformed('certificate without a public key');
  return spki.der;
}
