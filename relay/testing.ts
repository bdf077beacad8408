/**
 * Test and benchmark support: a tiny CA made by the openssl command line (a revoked leaf, a good leaf,
 * a CRL from `openssl ca -gencrl`), and a local HTTP server on 127.0.0.1 that counts its requests.
 * Nothing here is used by the relay itself.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TestCa = {
  readonly dir: string;
  readonly caCert: string;
  readonly caKey: string;
  readonly revokedLeaf: string;
  readonly goodLeaf: string;
  readonly index: string;
  /** The CRL in DER, nextUpdate `crlHours` after thisUpdate. */
  readonly crlDer: Buffer;
  remove(): void;
};

function openssl(args: string[], cwd: string): string {
  return execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * A P-256 CA in a temp folder with one revoked and one good leaf, and its CRL. `crlUrl` / `ocspUrl` go
 * into the leaves' cRLDistributionPoints / authorityInfoAccess (where a validator asks for their status).
 */
export function makeTestCa(options: { crlHours?: number; crlUrl?: string; ocspUrl?: string; caSubject?: string; leafSubjects?: { revoked?: string; good?: string } } = {}): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'relay-ca-'));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'crlnumber'), '01\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = CA_default',
      '[CA_default]',
      `dir = ${dir}`,
      'database = $dir/index.txt',
      'crlnumber = $dir/crlnumber',
      'certificate = $dir/ca.pem',
      'private_key = $dir/ca.key',
      'default_md = sha256',
      'default_crl_days = 1',
      '[req]',
      'distinguished_name = dn',
      '[dn]',
      '[v3_ca]',
      'basicConstraints = critical, CA:true',
      'keyUsage = critical, keyCertSign, cRLSign, digitalSignature',
      'subjectKeyIdentifier = hash',
      '[v3_leaf]',
      'basicConstraints = CA:false',
      'keyUsage = critical, digitalSignature',
      'authorityKeyIdentifier = keyid',
      ...(options.crlUrl ? [`crlDistributionPoints = URI:${options.crlUrl}`] : []),
      ...(options.ocspUrl ? [`authorityInfoAccess = OCSP;URI:${options.ocspUrl}`] : []),
      '',
    ].join('\n'),
  );
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', options.caSubject ?? '/CN=Relay Test CA', '-days', '30', '-config', 'ca.cnf', '-extensions', 'v3_ca'], dir);
  for (const [name, serial] of [
    ['revoked', '1001'],
    ['good', '1002'],
  ] as const) {
    openssl(['req', '-new', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', options.leafSubjects?.[name] ?? `/CN=Relay test ${name} leaf`, '-config', 'ca.cnf'], dir);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', `0x${serial}`, '-days', '10', '-out', `${name}.pem`, '-extfile', 'ca.cnf', '-extensions', 'v3_leaf'], dir);
  }
  openssl(['ca', '-config', 'ca.cnf', '-revoke', 'revoked.pem', '-crl_reason', 'keyCompromise'], dir);
  // The good leaf is recorded as valid, so the OCSP responder answers "good" rather than "unknown".
  const enddate = openssl(['x509', '-in', 'good.pem', '-noout', '-enddate'], dir).trim().replace('notAfter=', '');
  const expiry = new Date(enddate).toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  const subject = openssl(['x509', '-in', 'good.pem', '-noout', '-subject', '-nameopt', 'compat'], dir).trim().replace('subject=', '');
  writeFileSync(join(dir, 'index.txt'), `${readFileSync(join(dir, 'index.txt'), 'utf8')}V\t${expiry}\t\t1002\tunknown\t${subject}\n`);
  openssl(['ca', '-config', 'ca.cnf', '-gencrl', '-crlhours', String(options.crlHours ?? 1), '-out', 'crl.pem'], dir);
  openssl(['crl', '-in', 'crl.pem', '-outform', 'DER', '-out', 'crl.der'], dir);
  return {
    dir,
    caCert: join(dir, 'ca.pem'),
    caKey: join(dir, 'ca.key'),
    revokedLeaf: join(dir, 'revoked.pem'),
    goodLeaf: join(dir, 'good.pem'),
    index: join(dir, 'index.txt'),
    crlDer: readFileSync(join(dir, 'crl.der')),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export type TestServer = {
  readonly url: string;
  readonly port: number;
  /** Requests seen, in order (method and path with query). */
  readonly requests: { method: string; url: string; host: string | undefined }[];
  close(): Promise<void>;
};

/** An HTTP server on 127.0.0.1 (or `host`, another loopback address) running `handler`. */
export async function startTestServer(handler: http.RequestListener, host = '127.0.0.1'): Promise<TestServer> {
  const requests: { method: string; url: string; host: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A free TCP port on 127.0.0.1 (for servers such as `openssl ocsp` that take a port number). */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export type OcspResponder = { readonly url: string; stop(): Promise<void> };

/**
 * A real `openssl ocsp` responder for `ca` on 127.0.0.1:`port`, signing with the CA's own key. Ready when
 * it says so: OpenSSL 3.0's responder spins on a connection closed without a request, so no probe.
 */
export async function startOpensslOcsp(ca: TestCa, port: number): Promise<OcspResponder> {
  const responder = spawn('openssl', ['ocsp', '-index', ca.index, '-port', String(port), '-rsigner', ca.caCert, '-rkey', ca.caKey, '-CA', ca.caCert, '-nmin', '5'], {
    cwd: ca.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let said = '';
    const listen = (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('waiting for OCSP client connections')) resolve();
    };
    responder.stdout?.on('data', listen);
    responder.stderr?.on('data', listen);
    responder.once('exit', (code) => reject(new Error(`openssl ocsp exited (${code}): ${said}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (responder.exitCode !== null) return;
      const exited = new Promise((resolve) => responder.once('exit', resolve));
      responder.kill('SIGTERM');
      await exited;
    },
  };
}
