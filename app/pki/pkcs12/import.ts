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
import { expectSequence, isContext, parseDer, readBitString, readOid, type DerNode } from '../der/asn1';
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
type CertificateEntry = { readonly der: Uint8Array; readonly localKeyId?: Uint8Array; readonly friendlyName?: string };
/** CertBag ::= SEQUENCE { certId, certValue [0] EXPLICIT OCTET STRING }: the certificate's bytes, not parsed here. */
type CertBagValue = { readonly certId: string; readonly der?: Uint8Array };

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

function bagAttributes(attributes: asn1js.AsnType | undefined): { localKeyId?: Uint8Array; friendlyName?: string } {
  const out: { localKeyId?: Uint8Array; friendlyName?: string } = {};
  if (attributes === undefined) return out;
  if (!(attributes instanceof asn1js.Set)) throw malformed('bagAttributes is not a SET');
  for (const attribute of attributes.valueBlock.value.map((schema) => new pkijs.Attribute({ schema }))) {
    const value = attribute.values[0];
    if (attribute.type === OIDS.localKeyId && value instanceof asn1js.OctetString) out.localKeyId = new Uint8Array(value.getValue());
    if (attribute.type === OIDS.friendlyName && value instanceof asn1js.BmpString) out.friendlyName = value.valueBlock.value;
  }
  return out;
}

/** Whether `node` is a constructed [0] (the EXPLICIT wrapper of bagValue and certValue). */
const isExplicit0 = (node: asn1js.AsnType | undefined): node is asn1js.Constructed =>
  node instanceof asn1js.Constructed && node.idBlock.tagClass === 3 && node.idBlock.tagNumber === 0;

function readCertBag(node: asn1js.AsnType | undefined): CertBagValue {
  const [certId, certValue] = node instanceof asn1js.Sequence ? node.valueBlock.value : [];
  if (!(certId instanceof asn1js.ObjectIdentifier) || !isExplicit0(certValue)) throw malformed('bad CertBag');
  const octets = certValue.valueBlock.value[0];
  return { certId: certId.valueBlock.toString(), ...(octets instanceof asn1js.OctetString ? { der: new Uint8Array(octets.getValue()) } : {}) };
}

/**
 * SafeContents ::= SEQUENCE OF SafeBag { bagId, bagValue [0] EXPLICIT, bagAttributes SET OPTIONAL }. A
 * certificate bag gives its bytes unparsed (the page parses and validates every certificate with the
 * strict reader): pkijs would parse each certificate and every extension in it here, and asn1js, by
 * default, every OCTET STRING's content on speculation; together about 25 ms of a demo file's opening.
 */
function parseSafeContents(bytes: Uint8Array): Bag[] {
  const parsed = asn1js.fromBER(toArrayBuffer(bytes), { parseEmbedded: false });
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) throw malformed(`bad SafeContents${parsed.offset === -1 ? `: ${parsed.result.error}` : ''}`);
  return parsed.result.valueBlock.value.map((node) => {
    try {
      const [bagId, bagValue, attributes] = node instanceof asn1js.Sequence ? node.valueBlock.value : [];
      if (!(bagId instanceof asn1js.ObjectIdentifier) || !isExplicit0(bagValue)) throw malformed('bad SafeBag');
      const id = bagId.valueBlock.toString();
      const value = id === OIDS.certBag ? readCertBag(bagValue.valueBlock.value[0]) : new pkijs.SafeBag({ schema: node }).bagValue;
      return { id, value, ...bagAttributes(attributes) };
    } catch (cause) {
      if (cause instanceof PkiError) throw cause;
      throw malformed('bad SafeBag', cause);
    }
  });
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
    const parsed = asn1js.fromBER(toArrayBuffer(authSafeBytes), { parseEmbedded: false });
    if (parsed.offset === -1) throw new Error(parsed.result.error || 'not BER');
    authenticatedSafe = new pkijs.AuthenticatedSafe({ schema: parsed.result });
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
      const certBag = bag.value as CertBagValue;
      if (certBag.certId !== OIDS.x509Certificate || !certBag.der) continue;
      certificates.push({ der: certBag.der, ...attributes });
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
const magnitude = (integer: Uint8Array) => {
  let start = 0;
  while (start < integer.length - 1 && integer[start] === 0) start++;
  return integer.subarray(start);
};

function certificateMatchesKey(certificateDer: Uint8Array, privateKeyInfo: pkijs.PrivateKeyInfo): boolean | undefined {
  const parsed = privateKeyInfo.parsedKey;
  let algorithm: string;
  let publicKey: Uint8Array;
  try {
    const [algorithmIdentifier, subjectPublicKey] = expectSequence(certificateSpki(certificateDer), 'SubjectPublicKeyInfo');
    algorithm = readOid(expectSequence(algorithmIdentifier, 'AlgorithmIdentifier')[0]);
    publicKey = readBitString(subjectPublicKey, 'subjectPublicKey').bytes;
  } catch (cause) {
    throw malformed('a certificate in the file is not DER X.509', cause);
  }
  if (parsed instanceof pkijs.RSAPrivateKey) {
    if (algorithm !== KeyOid.rsaEncryption) return false;
    try {
      const [modulus] = expectSequence(parseDer(publicKey), 'RSAPublicKey');
      // As unsigned magnitudes: pkijs keeps the private key's modulus without DER's leading zero octet.
      return modulus !== undefined && bytesEqual(magnitude(modulus.content), magnitude(parsed.modulus.valueBlock.valueHexView));
    } catch {
      return false;
    }
  }
  if (parsed instanceof pkijs.ECPrivateKey && parsed.publicKey) {
    return algorithm === KeyOid.ecPublicKey && bytesEqual(new Uint8Array(parsed.publicKey.toSchema().toBER()), publicKey);
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
    // One BER parse serves pkijs and the MAC's iteration count (macIterations); each layer is parsed
    // when it is read (parseEmbedded off: asn1js would parse every OCTET STRING's content on speculation).
    const parsed = asn1js.fromBER(toArrayBuffer(data), { parseEmbedded: false });
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

  const byKeyId = certificates.find((entry) => key.localKeyId && entry.localKeyId && bytesEqual(key.localKeyId, entry.localKeyId));
  const common = (leaf: CertificateEntry) => ({
    leaf: leaf.der,
    certificates: [leaf.der, ...certificates.filter((entry) => entry !== leaf).map((entry) => entry.der)],
    friendlyName: key.friendlyName ?? leaf.friendlyName,
  });

  const sm2 = readSm2PrivateKeyInfo(key.pkcs8);
  if (sm2) {
    // The decrypted PKCS#8 held the scalar too: only the key's own buffer may keep it.
    key.pkcs8.fill(0);
    const privateKey = createSm2PrivateKey(sm2.scalar);
    const matches = (certificateDer: Uint8Array) => {
      const spki = certificateSpki(certificateDer).der;
      return isSm2PublicKey(spki) && sm2PublicKey(spki).equals(privateKey.publicKey);
    };
    const stored = sm2.publicPoint;
    const consistent = stored === undefined || bytesEqual(stored, privateKey.publicKey.toBytes(false)) || bytesEqual(stored, privateKey.publicKey.toBytes(true));
    const leaf = consistent ? (byKeyId && matches(byKeyId.der) ? byKeyId : certificates.find((entry) => matches(entry.der))) : undefined;
    if (!leaf) {
      privateKey.destroy();
      throw new Pkcs12KeyMismatchError({ details: 'no certificate in the file holds the public half of its SM2 private key' });
    }
    return { ...common(leaf), keyKind: 'sm2', privateKey };
  }

  const privateKeyInfo = pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(key.pkcs8));
  const comparable = (entry: CertificateEntry) => certificateMatchesKey(entry.der, privateKeyInfo);
  // A localKeyId names the pair; the key must still be the certificate's, where the two can be compared.
  const leaf = byKeyId && comparable(byKeyId) !== false ? byKeyId : certificates.find((entry) => comparable(entry) === true);
  if (!leaf) throw new Pkcs12KeyMismatchError({ details: 'no certificate in the file matches its private key' });

  const privateKey = await globalThis.crypto.subtle.importKey('pkcs8', toArrayBuffer(key.pkcs8), keyAlgorithmOf(privateKeyInfo), false, ['sign']);
  return { ...common(leaf), keyKind: 'webcrypto', privateKey };
}

/** The SubjectPublicKeyInfo of a certificate, read with the strict reader. */
function certificateSpki(certificateDer: Uint8Array): DerNode {
  const [tbs] = expectSequence(parseDer(certificateDer), 'Certificate');
  const fields = expectSequence(tbs, 'TBSCertificate');
  const offset = fields[0] && isContext(fields[0], 0) ? 1 : 0;
  const spki = fields[offset + 5];
  if (!spki) throw malformed('certificate without a public key');
  return spki;
}
