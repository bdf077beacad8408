/**
 * Password-based decryption of PKCS#12 bags: PBES2 (PBKDF2 + AES-CBC or 3DES, RFC 8018) and the
 * PKCS#12 v1 schemes (RFC 7292 appendix C) that legacy .pfx files use.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer, utf8 } from '../bytes';
import { Pkcs12MalformedError, Pkcs12UnsupportedError } from '../errors';
import { bmpPassword, iterationCount, pkcs12Kdf, spendIterations, type KdfBudget, type Pkcs12KdfHash } from './kdf';
import { legacyDecrypt, type LegacyCipher } from './legacyCiphers';

const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';

const PBKDF2_PRFS: Readonly<Record<string, Pkcs12KdfHash>> = {
  '1.2.840.113549.2.7': 'SHA-1',
  '1.2.840.113549.2.9': 'SHA-256',
  '1.2.840.113549.2.10': 'SHA-384',
  '1.2.840.113549.2.11': 'SHA-512',
};

const PBES2_CIPHERS: Readonly<Record<string, { name: 'AES-CBC'; keyLength: number } | { name: '3DES-CBC'; keyLength: 24 }>> = {
  '2.16.840.1.101.3.4.1.2': { name: 'AES-CBC', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'AES-CBC', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'AES-CBC', keyLength: 32 },
  '1.2.840.113549.3.7': { name: '3DES-CBC', keyLength: 24 },
};

/** PKCS#12 v1 PBE schemes (all with SHA-1): cipher, key length, IV length. */
const PKCS12_PBE: Readonly<Record<string, { cipher: LegacyCipher; keyLength: number; name: string }>> = {
  '1.2.840.113549.1.12.1.3': { cipher: { name: '3DES-CBC' }, keyLength: 24, name: 'pbeWithSHAAnd3-KeyTripleDES-CBC' },
  '1.2.840.113549.1.12.1.4': { cipher: { name: '3DES-CBC' }, keyLength: 16, name: 'pbeWithSHAAnd2-KeyTripleDES-CBC' },
  '1.2.840.113549.1.12.1.5': { cipher: { name: 'RC2-CBC', effectiveBits: 128 }, keyLength: 16, name: 'pbeWithSHAAnd128BitRC2-CBC' },
  '1.2.840.113549.1.12.1.6': { cipher: { name: 'RC2-CBC', effectiveBits: 40 }, keyLength: 5, name: 'pbeWithSHAAnd40BitRC2-CBC' },
};

/** Why a decryption failed: `undefined` from decryptWithPassword means "the password does not fit". */
export type DecryptResult = Uint8Array | undefined;

function sequenceItems(value: unknown, what: string): asn1js.AsnType[] {
  if (!(value instanceof asn1js.Sequence)) throw new Pkcs12MalformedError({ details: `${what} is not a SEQUENCE` });
  return value.valueBlock.value;
}

function octets(value: unknown, what: string): Uint8Array {
  if (!(value instanceof asn1js.OctetString)) throw new Pkcs12MalformedError({ details: `${what} is not an OCTET STRING` });
  return new Uint8Array(value.getValue());
}

/** An iteration count, read exactly; its range is checked where it is spent (kdf.ts spendIterations). */
function iterations(value: unknown, what: string): number {
  if (!(value instanceof asn1js.Integer)) throw new Pkcs12MalformedError({ details: `${what} is not an INTEGER` });
  return iterationCount(value.valueBlock.valueHexView);
}

async function decryptPbes2(parameters: unknown, password: string, ciphertext: Uint8Array, budget: KdfBudget): Promise<DecryptResult> {
  const [kdf, scheme] = sequenceItems(parameters, 'PBES2 parameters');
  const kdfAlgorithm = new pkijs.AlgorithmIdentifier({ schema: kdf });
  if (kdfAlgorithm.algorithmId !== PBKDF2) throw new Pkcs12UnsupportedError(`key derivation ${kdfAlgorithm.algorithmId}`);
  const kdfFields = sequenceItems(kdfAlgorithm.algorithmParams, 'PBKDF2 parameters');
  const salt = octets(kdfFields[0], 'PBKDF2 salt');
  const rounds = iterations(kdfFields[1], 'PBKDF2 iteration count');
  let prf: Pkcs12KdfHash = 'SHA-1';
  for (const field of kdfFields.slice(2)) {
    if (field instanceof asn1js.Sequence) {
      const prfOid = new pkijs.AlgorithmIdentifier({ schema: field }).algorithmId;
      const known = PBKDF2_PRFS[prfOid];
      if (!known) throw new Pkcs12UnsupportedError(`PBKDF2 PRF ${prfOid}`);
      prf = known;
    }
  }
  const schemeAlgorithm = new pkijs.AlgorithmIdentifier({ schema: scheme });
  const cipher = PBES2_CIPHERS[schemeAlgorithm.algorithmId];
  if (!cipher) throw new Pkcs12UnsupportedError(`encryption scheme ${schemeAlgorithm.algorithmId}`);
  const iv = octets(schemeAlgorithm.algorithmParams, 'PBES2 IV');

  spendIterations(budget, rounds, 'PBKDF2 iteration count');
  const subtle = globalThis.crypto.subtle;
  const passwordKey = await subtle.importKey('raw', toArrayBuffer(utf8(password)), 'PBKDF2', false, ['deriveBits']);
  const keyBits = await subtle.deriveBits(
    { name: 'PBKDF2', hash: prf, salt: toArrayBuffer(salt), iterations: rounds },
    passwordKey,
    cipher.keyLength * 8,
  );
  if (cipher.name === '3DES-CBC') return legacyDecrypt({ name: '3DES-CBC' }, new Uint8Array(keyBits), iv, ciphertext);
  const key = await subtle.importKey('raw', keyBits, 'AES-CBC', false, ['decrypt']);
  try {
    return new Uint8Array(await subtle.decrypt({ name: 'AES-CBC', iv: toArrayBuffer(iv) }, key, toArrayBuffer(ciphertext)));
  } catch {
    return undefined; // bad padding: the derived key is wrong
  }
}

async function decryptPkcs12Pbe(oid: string, parameters: unknown, password: string, ciphertext: Uint8Array, budget: KdfBudget): Promise<DecryptResult> {
  const scheme = PKCS12_PBE[oid];
  if (!scheme) throw new Pkcs12UnsupportedError(`encryption ${oid}`);
  const [saltField, iterationsField] = sequenceItems(parameters, `${scheme.name} parameters`);
  const salt = octets(saltField, 'PBE salt');
  const rounds = iterations(iterationsField, 'PBE iteration count');
  // Key and IV are two derivations of `rounds` each: both are charged before the first starts.
  spendIterations(budget, rounds, 'PBE iteration count (key)');
  spendIterations(budget, rounds, 'PBE iteration count (IV)');
  const common = { hash: 'SHA-1' as const, password: bmpPassword(password), salt, iterations: rounds };
  let key = pkcs12Kdf({ ...common, purpose: 1, length: scheme.keyLength });
  const iv = pkcs12Kdf({ ...common, purpose: 2, length: 8 });
  if (scheme.cipher.name === '3DES-CBC' && key.length === 16) key = new Uint8Array([...key, ...key.subarray(0, 8)]);
  return legacyDecrypt(scheme.cipher, key, iv, ciphertext);
}

/**
 * Decrypts with a password; undefined when the password does not fit (padding check failed). The
 * derivation's rounds are charged to `budget` first: a count over the caps throws PkiLimitError.
 */
export async function decryptWithPassword(
  algorithm: pkijs.AlgorithmIdentifier,
  password: string,
  ciphertext: Uint8Array,
  budget: KdfBudget,
): Promise<DecryptResult> {
  if (algorithm.algorithmId === PBES2) return decryptPbes2(algorithm.algorithmParams, password, ciphertext, budget);
  return decryptPkcs12Pbe(algorithm.algorithmId, algorithm.algorithmParams, password, ciphertext, budget);
}
