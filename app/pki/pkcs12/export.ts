/**
 * Writes a PKCS#12 file the way OpenSSL 3 does by default: certificates and key encrypted with
 * PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), HMAC-SHA256 integrity. Used for demo identities.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import * as asn1js from 'asn1js';
import { digest, toArrayBuffer, utf8 } from '../bytes';
import { bmpPassword, pkcs12Kdf } from './kdf';

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSha256: '1.2.840.113549.2.9',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

export type ExportPkcs12Parameters = {
  /** PKCS#8 DER of the private key, or an extractable CryptoKey. */
  readonly privateKey: Uint8Array | CryptoKey;
  /** DER certificates, the holder's first. */
  readonly certificates: readonly Uint8Array[];
  readonly password: string;
  readonly friendlyName?: string;
  /** PBKDF2 and MAC iterations; OpenSSL's default is 2048. */
  readonly iterations?: number;
};

const oid = (value: string) => new asn1js.ObjectIdentifier({ value });
const octets = (bytes: Uint8Array) => new asn1js.OctetString({ valueHex: toArrayBuffer(bytes) });
const explicit0 = (value: asn1js.AsnType) => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [value] });
const der = (value: asn1js.AsnType) => new Uint8Array(value.toBER());
const random = (length: number) => globalThis.crypto.getRandomValues(new Uint8Array(length));

async function pbes2Encrypt(plaintext: Uint8Array, password: string, iterations: number) {
  const salt = random(16);
  const iv = random(16);
  const subtle = globalThis.crypto.subtle;
  const passwordKey = await subtle.importKey('raw', toArrayBuffer(utf8(password)), 'PBKDF2', false, ['deriveKey']);
  const key = await subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: toArrayBuffer(salt), iterations },
    passwordKey,
    { name: 'AES-CBC', length: 256 },
    false,
    ['encrypt'],
  );
  const ciphertext = new Uint8Array(await subtle.encrypt({ name: 'AES-CBC', iv: toArrayBuffer(iv) }, key, toArrayBuffer(plaintext)));
  const algorithm = new asn1js.Sequence({
    value: [
      oid(OID.pbes2),
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [
              oid(OID.pbkdf2),
              new asn1js.Sequence({
                value: [octets(salt), new asn1js.Integer({ value: iterations }), new asn1js.Sequence({ value: [oid(OID.hmacWithSha256), new asn1js.Null()] })],
              }),
            ],
          }),
          new asn1js.Sequence({ value: [oid(OID.aes256Cbc), octets(iv)] }),
        ],
      }),
    ],
  });
  return { algorithm, ciphertext };
}

function bagAttributes(localKeyId: Uint8Array, friendlyName: string | undefined): asn1js.Set {
  const attributes: asn1js.AsnType[] = [];
  if (friendlyName !== undefined) {
    attributes.push(new asn1js.Sequence({ value: [oid(OID.friendlyName), new asn1js.Set({ value: [new asn1js.BmpString({ value: friendlyName })] })] }));
  }
  attributes.push(new asn1js.Sequence({ value: [oid(OID.localKeyId), new asn1js.Set({ value: [octets(localKeyId)] })] }));
  return new asn1js.Set({ value: attributes });
}

export async function exportPkcs12(parameters: ExportPkcs12Parameters): Promise<Uint8Array> {
  const iterations = parameters.iterations ?? 2048;
  const [leaf] = parameters.certificates;
  if (!leaf) throw new TypeError('exportPkcs12 needs the holder certificate');
  const pkcs8 =
    parameters.privateKey instanceof Uint8Array
      ? parameters.privateKey
      : new Uint8Array(await globalThis.crypto.subtle.exportKey('pkcs8', parameters.privateKey));
  // OpenSSL's convention: localKeyId = SHA-1 of the holder certificate; it pairs key and certificate.
  const localKeyId = await digest('SHA-1', leaf);

  const certificateBags = parameters.certificates.map(
    (certificate, index) =>
      new asn1js.Sequence({
        value: [
          oid(OID.certBag),
          explicit0(new asn1js.Sequence({ value: [oid(OID.x509Certificate), explicit0(octets(certificate))] })),
          ...(index === 0 ? [bagAttributes(localKeyId, parameters.friendlyName)] : []),
        ],
      }),
  );
  const certificates = await pbes2Encrypt(der(new asn1js.Sequence({ value: certificateBags })), parameters.password, iterations);
  const encryptedCertificates = new asn1js.Sequence({
    value: [
      oid(OID.encryptedData),
      explicit0(
        new asn1js.Sequence({
          value: [
            new asn1js.Integer({ value: 0 }),
            new asn1js.Sequence({
              value: [
                oid(OID.data),
                certificates.algorithm,
                new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: toArrayBuffer(certificates.ciphertext) }),
              ],
            }),
          ],
        }),
      ),
    ],
  });

  const key = await pbes2Encrypt(pkcs8, parameters.password, iterations);
  const keyBag = new asn1js.Sequence({
    value: [
      oid(OID.shroudedKeyBag),
      explicit0(new asn1js.Sequence({ value: [key.algorithm, octets(key.ciphertext)] })),
      bagAttributes(localKeyId, parameters.friendlyName),
    ],
  });
  const keyContents = new asn1js.Sequence({
    value: [oid(OID.data), explicit0(octets(der(new asn1js.Sequence({ value: [keyBag] }))))],
  });

  const authenticatedSafe = der(new asn1js.Sequence({ value: [encryptedCertificates, keyContents] }));
  const macSalt = random(8);
  const macKey = pkcs12Kdf({ hash: 'SHA-256', purpose: 3, password: bmpPassword(parameters.password), salt: macSalt, iterations, length: 32 });
  const mac = hmac(sha256, macKey, authenticatedSafe);
  const pfx = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 3 }),
      new asn1js.Sequence({ value: [oid(OID.data), explicit0(octets(authenticatedSafe))] }),
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [oid(OID.sha256), new asn1js.Null()] }), octets(mac)] }),
          octets(macSalt),
          new asn1js.Integer({ value: iterations }),
        ],
      }),
    ],
  });
  return der(pfx);
}
