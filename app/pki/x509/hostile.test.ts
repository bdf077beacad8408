// Certificates made to exhaust their readers: thousands of extensions, of name attributes, of names,
// an INTEGER of megabytes. Each is refused with PkiLimitError, whose key every catalogue translates;
// the same shapes at the cap still parse. (Before the caps, each parsed in full and was handed on.)
import { describe, expect, it } from 'vitest';
import { der } from '../der/writer';
import { parseDer } from '../der/asn1';
import { PkiLimitError } from '../errors';
import { CERTIFICATE_MAX_EXTENSIONS, GENERAL_NAMES_MAX, INTEGER_MAX_OCTETS, NAME_MAX_ATTRIBUTES } from '../limits';
import { Oid, NameOid } from '../oids';
import { parseCertificateSync } from './certificate';
import { readCertificates } from './read-certificates';

const name = (attributes: number) =>
  der.seq(...Array.from({ length: attributes }, (_, i) => der.set(der.seq(der.oid(NameOid.organizationalUnitName), der.utf8(`unit ${i}`)))));
const extension = (oid: string, value: Uint8Array) => der.seq(der.oid(oid), der.octet(value));
const san = (count: number) => extension(Oid.subjectAltName, der.seq(...Array.from({ length: count }, (_, i) => der.ctx(2, new TextEncoder().encode(`h${i}.example`)))));
/** Distinct private extensions (1.3.6.1.4.1.99999.n), so no duplicate is folded away. */
const privateExtensions = (count: number) => Array.from({ length: count }, (_, i) => extension(`1.3.6.1.4.1.99999.${i}`, der.null()));

function certificate({ serial = der.int(1), subject = name(1), extensions = [] as Uint8Array[] } = {}): Uint8Array {
  const algorithm = der.seq(der.oid('1.2.840.10045.4.3.2'));
  const spki = der.seq(der.seq(der.oid('1.2.840.10045.2.1'), der.oid('1.2.840.10045.3.1.7')), der.bits(new Uint8Array(65).fill(4)));
  const validity = der.seq(der.time(new Date('2025-01-01T00:00:00Z')), der.time(new Date('2030-01-01T00:00:00Z')));
  const tbs = der.seq(der.explicit(0, der.int(2)), serial, algorithm, name(1), validity, subject, spki, ...(extensions.length ? [der.explicit(3, der.seq(...extensions))] : []));
  return der.seq(tbs, algorithm, der.bits(new Uint8Array(64).fill(1)));
}

function expectLimit(build: () => unknown, kind: string, limit: number) {
  let caught: unknown;
  try {
    build();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PkiLimitError);
  expect(caught).toMatchObject({ kind, messageKey: `pki.limit.${kind}`, params: { limit } });
}

describe('certificates made to exhaust the reader', () => {
  it('refuses thousands of extensions, and reads the cap', () => {
    expect(parseCertificateSync(certificate({ extensions: privateExtensions(CERTIFICATE_MAX_EXTENSIONS) })).extensions).toHaveLength(CERTIFICATE_MAX_EXTENSIONS);
    expectLimit(() => parseCertificateSync(certificate({ extensions: privateExtensions(5_000) })), 'certificate-extensions', CERTIFICATE_MAX_EXTENSIONS);
  });

  it('refuses a subject of thousands of RDNs, and reads the cap', () => {
    expect(parseCertificateSync(certificate({ subject: name(NAME_MAX_ATTRIBUTES) })).subject.rdns).toHaveLength(NAME_MAX_ATTRIBUTES);
    expectLimit(() => parseCertificateSync(certificate({ subject: name(5_000) })), 'name-attributes', NAME_MAX_ATTRIBUTES);
  });

  it('refuses a subjectAltName of tens of thousands of names instead of recording it as a mere problem', () => {
    expect(parseCertificateSync(certificate({ extensions: [san(GENERAL_NAMES_MAX)] })).subjectAltName).toHaveLength(GENERAL_NAMES_MAX);
    expectLimit(() => parseCertificateSync(certificate({ extensions: [san(20_000)] })), 'general-names', GENERAL_NAMES_MAX);
  });

  it('refuses an INTEGER of a megabyte wherever the strict reader meets it, through readCertificates too', async () => {
    const huge = new Uint8Array(1 << 20).fill(0x42);
    expect(parseCertificateSync(certificate({ serial: der.int(new Uint8Array(INTEGER_MAX_OCTETS).fill(0x42)) })).serialNumber).toHaveLength(INTEGER_MAX_OCTETS);
    expectLimit(() => parseDer(der.int(huge)), 'integer-size', INTEGER_MAX_OCTETS);
    expectLimit(() => parseCertificateSync(certificate({ serial: der.int(huge) })), 'integer-size', INTEGER_MAX_OCTETS);
    await expect(readCertificates(certificate({ serial: der.int(huge) }))).rejects.toMatchObject({ kind: 'integer-size' });
    await expect(readCertificates(certificate({ extensions: privateExtensions(5_000) }))).rejects.toMatchObject({ kind: 'certificate-extensions' });
  });
});
