/**
 * Test support: a throw-away OpenSSL CA (P-256) in a temporary folder, run with the `openssl` CLI
 * (`openssl ca` keeps its index, serial and CRL number files there), for the tests that ask the engine
 * the questions OpenSSL answers about what OpenSSL made. Not part of the engine.
 */
/* eslint-disable no-restricted-imports -- test support that vitest runs in Node; the engine never imports it */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The first lines of an end-entity section; `KEY_IDENTIFIERS` usually follows. */
export const END_ENTITY = ['basicConstraints = critical, CA:false', 'keyUsage = critical, digitalSignature'] as const;

export const KEY_IDENTIFIERS = ['subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid'] as const;

/** `openssl ca` settings (any subject, CRLs of 24 hours, SHA-256) and the root's extensions. */
const CA_CONFIG = `
[ca]
default_ca = CA_default
[CA_default]
dir = .
database = index.txt
new_certs_dir = .
serial = serial
crlnumber = crlnumber
default_md = sha256
default_crl_hours = 24
policy = any
unique_subject = no
[any]
commonName = supplied
[req]
distinguished_name = dn
[dn]
[root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
${KEY_IDENTIFIERS.join('\n')}
`;

export type OpensslCaParameters = {
  /** Start of the temporary folder's name. */
  readonly prefix: string;
  /** The root's subject, as `openssl req -subj` takes it. */
  readonly subject: string;
  /** Extension sections by name (for `issue`, and -crlexts), one `key = value` line each. */
  readonly sections: Readonly<Record<string, readonly string[]>>;
};

export type OpensslCa = {
  /** The CA's folder: `ca.pem`, `ca.key`, `openssl.cnf` and every file made since. */
  readonly dir: string;
  /** `openssl` run in the CA's folder; its standard output. */
  openssl(...args: string[]): Buffer;
  /** A P-256 key in `<name>.key`. */
  key(name: string): void;
  /** `openssl ca` with the CA's configuration, certificate and key, and these arguments (-revoke, -gencrl...). */
  ca(...args: string[]): Buffer;
  /** A new key and `<name>.pem`, issued for ten days with the extension section `extensions`. */
  issue(name: string, extensions: string): void;
  /** The DER of the certificate `<name>.pem`. */
  certificateDer(name: string): Buffer;
  /** Deletes the folder. */
  remove(): void;
};

/** A root CA (self-signed, thirty days) ready to issue; reads the environment when its sections name ${ENV::...}. */
export function createOpensslCa({ prefix, subject, sections }: OpensslCaParameters): OpensslCa {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const extensionSections = Object.entries(sections).map(([name, lines]) => `[${name}]\n${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'openssl.cnf'), [CA_CONFIG, ...extensionSections].join(''));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(join(dir, 'crlnumber'), '01\n');
  const key = (name: string) => void openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
  const ca = (...args: string[]) => openssl('ca', '-config', 'openssl.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key', ...args);
  key('ca');
  openssl('req', '-config', 'openssl.cnf', '-new', '-x509', '-key', 'ca.key', '-subj', subject, '-days', '30', '-extensions', 'root', '-out', 'ca.pem');
  return {
    dir,
    openssl,
    key,
    ca,
    issue(name, extensions) {
      key(name);
      openssl('req', '-config', 'openssl.cnf', '-new', '-key', `${name}.key`, '-subj', `/CN=${name}`, '-out', `${name}.csr`);
      ca('-batch', '-days', '10', '-extensions', extensions, '-in', `${name}.csr`, '-out', `${name}.pem`, '-notext');
    },
    certificateDer: (name) => openssl('x509', '-in', `${name}.pem`, '-outform', 'DER'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
