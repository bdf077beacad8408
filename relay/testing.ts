/**
 * Test and benchmark support: a tiny CA made by the openssl command line (a revoked leaf, a good leaf,
 * a CRL from `openssl ca -gencrl`), a local HTTP server on 127.0.0.1 that counts its requests, and a
 * local RFC 3161 TSA (also the embedded default's test TSA, scripts/dev/embeddedTsa.ts). Nothing here is
 * used by the relay itself.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
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

export type OpensslTsa = {
  /** The TSA endpoint (POST application/timestamp-query). */
  readonly url: string;
  /** The TSA's root (PEM file path and DER). */
  readonly caCert: string;
  readonly caDer: Buffer;
  /** The TSA certificate (DER). */
  readonly tsaDer: Buffer;
  /** Requests answered. */
  readonly answered: () => number;
  stop(): Promise<void>;
};

export type StartOpensslTsaOptions = {
  /** Keep the TSA's keys and certificates here and use them again on the next start (default: a temp folder removed by stop()). */
  readonly dir?: string;
  /** Validity of the root and the TSA certificate made here (default 30 and 10 days). */
  readonly days?: number;
  readonly rootSubject?: string;
  readonly tsaSubject?: string;
};

/**
 * A real RFC 3161 time-stamping authority: `openssl ts -reply` behind a node:http server on 127.0.0.1.
 * A P-256 root issues the TSA certificate with a critical extendedKeyUsage of timeStamping only (RFC 3161
 * 2.3, which `openssl ts` itself insists on); tokens carry the TSA certificate chain when asked and an ESS
 * signing-certificate-v2 with SHA-256.
 */
export async function startOpensslTsa(options: StartOpensslTsaOptions = {}): Promise<OpensslTsa> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'relay-tsa-'));
  mkdirSync(dir, { recursive: true });
  // A kept TSA is made again when its certificate expires within a day.
  const kept = options.dir !== undefined && existsSync(join(dir, 'tsa.der')) && existsSync(join(dir, 'ca.der')) && certificateLasts(join(dir, 'tsa.pem'), dir);
  if (!kept) makeOpensslTsa(dir, options);
  let answered = 0;
  let sequence = 0;
  const server = await startTestServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const n = ++sequence;
      const query = join(dir, `q${n}.tsq`);
      const reply = join(dir, `r${n}.tsr`);
      writeFileSync(query, Buffer.concat(chunks));
      const child = spawn('openssl', ['ts', '-reply', '-config', 'tsa.cnf', '-queryfile', query, '-out', reply], { cwd: dir, stdio: 'ignore' });
      child.once('exit', (code) => {
        const answer = code === 0 ? readFileSync(reply) : undefined;
        for (const file of [query, reply]) if (existsSync(file)) unlinkSync(file);
        if (!answer) {
          res.writeHead(500).end();
          return;
        }
        answered++;
        res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(answer);
      });
    });
  });
  return {
    url: `${server.url}/tsa`,
    caCert: join(dir, 'ca.pem'),
    caDer: readFileSync(join(dir, 'ca.der')),
    tsaDer: readFileSync(join(dir, 'tsa.der')),
    answered: () => answered,
    stop: async () => {
      await server.close();
      if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function certificateLasts(pem: string, cwd: string): boolean {
  try {
    openssl(['x509', '-in', pem, '-noout', '-checkend', '86400'], cwd);
    return true;
  } catch {
    return false;
  }
}

function makeOpensslTsa(dir: string, options: StartOpensslTsaOptions): void {
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(
    join(dir, 'tsa.cnf'),
    [
      '[req]',
      'distinguished_name = dn',
      '[dn]',
      '[v3_ca]',
      'basicConstraints = critical, CA:true',
      'keyUsage = critical, keyCertSign, cRLSign',
      'subjectKeyIdentifier = hash',
      '[v3_tsa]',
      'basicConstraints = CA:false',
      'keyUsage = critical, digitalSignature',
      'extendedKeyUsage = critical, timeStamping',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
      '[tsa]',
      'default_tsa = tsa_config',
      '[tsa_config]',
      `dir = ${dir}`,
      'serial = $dir/serial',
      'signer_cert = $dir/tsa.pem',
      'certs = $dir/ca.pem',
      'signer_key = $dir/tsa.key',
      'signer_digest = sha256',
      'default_policy = 1.3.6.1.4.1.99999.1',
      'digests = sha256, sha384, sha512',
      'accuracy = secs:1',
      'ordering = no',
      'tsa_name = yes',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', options.rootSubject ?? '/CN=Test TSA Root', '-days', String(options.days ?? 30), '-config', 'tsa.cnf', '-extensions', 'v3_ca'], dir);
  openssl(['req', '-new', ...ec, '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', options.tsaSubject ?? '/O=Test/CN=Test Time-Stamping Authority', '-config', 'tsa.cnf'], dir);
  openssl(['x509', '-req', '-in', 'tsa.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '0x77', '-days', String(options.days ?? 10), '-out', 'tsa.pem', '-extfile', 'tsa.cnf', '-extensions', 'v3_tsa'], dir);
  openssl(['x509', '-in', 'ca.pem', '-outform', 'DER', '-out', 'ca.der'], dir);
  openssl(['x509', '-in', 'tsa.pem', '-outform', 'DER', '-out', 'tsa.der'], dir);
}
