/**
 * PKI engine benchmark: `npm run --silent bench:pki -- --out FILE [--runs N] [--only revocation]`.
 *
 * Per case, the median milliseconds (wall, and CPU of all threads) to go from DER bytes to a verdict, once warm (engine and native sampled in turn; the median of the first runs beside)
 *  - engine: this engine (parse + build + validate; caches cleared each run),
 *  - pkijs: stock pkijs CertificateChainValidationEngine over the same certificates,
 *  - native: a floor, node:crypto X509Certificate parse + verify over the same links.
 * Then the SM2 cases (pki-sm2.ts: sign + CMS assembly, a 3-certificate SM2 path, beside sm-crypto-v2).
 * Then path-building time over pools of 100, 1,000 and 10,000 certificates (parsed once).
 * Revocation (issue #12): path + CRL validation of an ICP-Brasil-shaped RSA path (4096-bit root and CA,
 * 2048-bit leaf) whose issuing CA's CRL lists 10,000 certificates, against the floor (node:crypto
 * verifications plus a linear DER scan of the CRL for the serial) and stock pkijs given the same CRLs;
 * then CRL parsing at 10,000, 50,000 and 100,000 entries (linear if ms per 1,000 entries stays flat).
 */
import { verify as nodeVerify, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { generateCertificate, generateCrl, generateKeys, generatePath, type TestIssuer } from '../../app/pki/__fixtures__/generate';
import { buildAndValidatePath, type Certificate, clearPkiCaches, createCertificatePool, parseCertificate, parseCrl, readCertificates } from '../../app/pki/index';
import { readLimboSuite } from '../pki/limbo';
import { benchSm2 } from './pki-sm2';

type Case = { name: string; leaf: Uint8Array; intermediates: Uint8Array[]; anchors: Uint8Array[]; time: Date; expectValid: boolean; runs: number };
type CaseResult = { name: string; engine_ms: number; pkijs_ms: number; native_ms: number; engine_cpu_ms: number; native_cpu_ms: number; engine_warming_ms: number; native_warming_ms: number };

const args = process.argv.slice(2);
const out = args[args.indexOf('--out') + 1];
const runsArg = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 15;
if (!args.includes('--out') || !out) {
  process.stderr.write('usage: bench:pki -- --out FILE [--runs N]\n');
  process.exit(2);
}

/**
 * A full garbage collection before each measurement, so no case is charged for the garbage of what ran
 * before it (building the cases, pkijs's verdict run, the previous case). Loading the x509-limbo corpus
 * for the pathological case leaves a 135 MB heap: the engine, which allocates, then paid for collecting it
 * (the ICP-Brasil case measured right after: median 2-10 ms instead of 1.1-1.2 ms); the floor hardly allocates.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const toBuffer = (b: Uint8Array) => b.slice().buffer as ArrayBuffer;

/**
 * Warm-up, not counted: each function runs WARM_UP_RUNS times (or for WARM_UP_MS, whichever ends first)
 * before it is sampled. One run was far from enough: V8 optimises the engine's JavaScript over a few
 * hundred calls (the ICP-Brasil path, the first case, took about 6 ms of CPU a run at first, 3.5 ms over
 * runs 11-20, 1.3 ms over runs 40-120 and 0.9-1.1 ms from about the 300th), so the first case measured
 * was sampled half-compiled and the later ones, on code it had warmed, nearly compiled. The native floor
 * (OpenSSL) needs no warming; it gets the same runs. What the engine costs while it warms is not hidden:
 * the path cases also report the median of each side's first WARMING_RUNS runs (`*_warming_ms`).
 */
const WARM_UP_RUNS = 300;
const WARM_UP_MS = 2_000;
const WARMING_RUNS = 15;
/** Runs `fn` to warm it; returns the wall times of its first WARMING_RUNS runs. */
async function warmUp(fn: () => Promise<unknown>): Promise<number[]> {
  const started = performance.now();
  const first: number[] = [];
  for (let i = 0; i < WARM_UP_RUNS && performance.now() - started < WARM_UP_MS; i++) {
    const run = performance.now();
    await fn();
    if (i < WARMING_RUNS) first.push(performance.now() - run);
  }
  return first;
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await warmUp(fn);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** Medians of `fns` sampled in turn within each run, so a burst of load on the machine hits all of them alike. */
async function timeInterleaved(runs: number, fns: readonly (() => Promise<unknown>)[]): Promise<number[]> {
  for (const fn of fns) await warmUp(fn);
  const samples = fns.map((): number[] => []);
  for (let i = 0; i < runs; i++)
    for (const [index, fn] of fns.entries()) {
      const started = performance.now();
      await fn();
      samples[index]?.push(performance.now() - started);
    }
  return samples.map(median);
}

/**
 * Like timeInterleaved, and also the median CPU time of each sample (process.cpuUsage: every thread,
 * the crypto thread pool's included). On a loaded machine the wall time of a WebCrypto round trip is
 * mostly waiting for a core; the CPU time is the work itself, so its ratio holds under load.
 */
async function timeInterleavedWithCpu(runs: number, fns: readonly (() => Promise<unknown>)[]): Promise<{ wall: number[]; cpu: number[]; warming: number[] }> {
  const warming: number[] = [];
  for (const fn of fns) warming.push(median(await warmUp(fn)));
  const wall = fns.map((): number[] => []);
  const cpu = fns.map((): number[] => []);
  for (let i = 0; i < runs; i++)
    for (const [index, fn] of fns.entries()) {
      const startedCpu = process.cpuUsage();
      const started = performance.now();
      await fn();
      wall[index]?.push(performance.now() - started);
      const used = process.cpuUsage(startedCpu);
      cpu[index]?.push((used.user + used.system) / 1000);
    }
  return { wall: wall.map(median), cpu: cpu.map(median), warming };
}

async function engineRun(c: Case): Promise<boolean> {
  clearPkiCaches();
  const target = await parseCertificate(c.leaf);
  const intermediates = await Promise.all(c.intermediates.map((d) => parseCertificate(d)));
  const trustAnchors = await Promise.all(c.anchors.map((d) => parseCertificate(d)));
  const result = await buildAndValidatePath({ target, intermediates, trustAnchors, time: c.time });
  return result.valid;
}

async function pkijsRun(c: Case): Promise<boolean> {
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: c.anchors.map((d) => pkijs.Certificate.fromBER(toBuffer(d))),
    certs: [...c.intermediates, c.leaf].map((d) => pkijs.Certificate.fromBER(toBuffer(d))),
    checkDate: c.time,
  });
  const result = await engine.verify();
  return result.result;
}

/** The floor: parse with node:crypto and verify each link of the path (or, for a pool, the leaf against every same-name candidate). */
async function nativeRun(c: Case, links: readonly [number, number][]): Promise<boolean> {
  const all = [c.leaf, ...c.intermediates, ...c.anchors].map((d) => new X509Certificate(d));
  let ok = true;
  for (const [subject, issuer] of links) ok = all[subject]!.verify(all[issuer]!.publicKey) && ok;
  return ok;
}

/** Index pairs (subject, issuer) into [leaf, ...intermediates, ...anchors] of the path the engine finds. */
async function pathLinks(c: Case): Promise<[number, number][]> {
  clearPkiCaches();
  const ders = [c.leaf, ...c.intermediates, ...c.anchors];
  const certs = await Promise.all(ders.map((d) => parseCertificate(d)));
  const result = await buildAndValidatePath({ target: certs[0]!, intermediates: certs.slice(1, 1 + c.intermediates.length), trustAnchors: certs.slice(1 + c.intermediates.length), time: c.time });
  if (result.valid) {
    const index = result.path.map((p) => certs.findIndex((x) => x.fingerprintSha256 === p.fingerprintSha256));
    return index.slice(0, -1).map((s, i) => [s, index[i + 1]!] as [number, number]);
  }
  // No path: the first level of any search, the leaf against every candidate with its issuer's name.
  return certs.map((x, i) => [0, i] as [number, number]).filter(([, i]) => i > 0 && certs[i]!.subject.key === certs[0]!.issuer.key);
}

async function benchCase(c: Case): Promise<CaseResult> {
  const links = await pathLinks(c);
  const engineValid = await engineRun(c);
  if (engineValid !== c.expectValid) throw new Error(`${c.name}: engine verdict ${engineValid}, expected ${c.expectValid}`);
  const pkijsValid = await pkijsRun(c).catch(() => false);
  collectGarbage();
  // Engine and floor in turn, so a burst of load hits both alike; pkijs apart, its garbage collection would be charged to the next sample.
  const measured = await timeInterleavedWithCpu(c.runs, [() => engineRun(c), () => nativeRun(c, links)]);
  const [engine_ms, native_ms] = measured.wall as [number, number];
  const [engine_cpu_ms, native_cpu_ms] = measured.cpu as [number, number];
  const [engine_warming_ms, native_warming_ms] = measured.warming as [number, number];
  const pkijs_ms = await time(c.runs, () => pkijsRun(c).catch(() => false));
  process.stderr.write(
    `${c.name.padEnd(34)} engine ${engine_ms.toFixed(2).padStart(8)} ms  pkijs ${pkijs_ms.toFixed(2).padStart(8)} ms (verdict ${pkijsValid})  native ${native_ms.toFixed(2).padStart(7)} ms  (${links.length} links)  wall ratio ${(engine_ms / native_ms).toFixed(2)}  cpu ${engine_cpu_ms.toFixed(2)} / ${native_cpu_ms.toFixed(2)} ms ratio ${(engine_cpu_ms / native_cpu_ms).toFixed(2)}  first ${WARMING_RUNS} runs ${engine_warming_ms.toFixed(2)} / ${native_warming_ms.toFixed(2)} ms\n`,
  );
  return {
    name: c.name,
    engine_ms: round(engine_ms),
    pkijs_ms: round(pkijs_ms),
    native_ms: round(native_ms),
    engine_cpu_ms: round(engine_cpu_ms),
    native_cpu_ms: round(native_cpu_ms),
    engine_warming_ms: round(engine_warming_ms),
    native_warming_ms: round(native_warming_ms),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

async function realIcpBrasilCase(): Promise<Case> {
  const dir = new URL('../../app/pki/__fixtures__/national-pki/icp-brasil/', import.meta.url).pathname;
  const read = async (file: string) => (await readCertificates(readFileSync(dir + file)))[0]!.der;
  return {
    name: 'icp-brasil-v10-tls (RSA-4096/2048)',
    leaf: await read('end-entity/ssl-ev_nfce.fazenda.mg.gov.br_2024-2025.pem'),
    intermediates: [await read('intermediates/v10__ac-certisign-icp-brasil-ssl-ev-g4.pem')],
    anchors: [await read('roots/icp-brasil_raiz_v10_ssl_rsa4096-sha512.pem')],
    time: new Date('2025-01-15T12:00:00Z'),
    expectValid: true,
    runs: runsArg,
  };
}

async function generatedCase(kind: 'RSA' | 'P-256'): Promise<Case> {
  const { path } = await generatePath(kind, 4);
  const ders = path.map((p) => p.certificate.der);
  return { name: `generated-4-level-${kind}`, leaf: ders[0]!, intermediates: [ders[2]!, ders[1]!], anchors: [ders[3]!], time: new Date('2030-01-01T00:00:00Z'), expectValid: true, runs: runsArg };
}

async function pathologicalCase(): Promise<Case> {
  const suite = await readLimboSuite(new URL('../../app/pki/__fixtures__/limbo/limbo.json.gz', import.meta.url).pathname);
  const id = 'pathological::pathological-chain-same-subject-distinct-key';
  const testcase = suite.testcases.find((t) => t.id === id)!;
  const ders = async (pems: string[]) => (await Promise.all(pems.map((p) => readCertificates(new TextEncoder().encode(p))))).flat().map((c) => c.der);
  return {
    name: `limbo ${id.split('::')[1]} (100-intermediate pool)`,
    leaf: (await ders([testcase.peer_certificate]))[0]!,
    intermediates: await ders(testcase.untrusted_intermediates),
    anchors: await ders(testcase.trusted_certs),
    time: testcase.validation_time ? new Date(testcase.validation_time) : new Date(),
    expectValid: false,
    runs: Math.max(3, Math.floor(runsArg / 3)),
  };
}

/** `count` CA certificates hiding a 4-level P-256 path, with same-name decoys of its CAs (one in twenty). */
async function generatePool(count: number, path: TestIssuer[]): Promise<Certificate[]> {
  const [, ca2, ca1] = path as [TestIssuer, TestIssuer, TestIssuer, TestIssuer];
  const fillerRoot = await generateCertificate({ subject: 'Filler Root', keys: await generateKeys('P-256'), kind: 'P-256', ca: true });
  const keys = await generateKeys('P-256');
  const pool: Certificate[] = [ca1.certificate, ca2.certificate];
  for (let i = pool.length; i < count; i++) {
    const decoy = i % 20 === 0;
    const subject = decoy ? (i % 40 === 0 ? 'P-256 Test CA 1' : 'P-256 Test CA 2') : `Pool CA ${i}`;
    pool.push((await generateCertificate({ subject, issuer: fillerRoot, keys, kind: 'P-256', ca: true, serial: 100_000 + i })).certificate);
  }
  return pool;
}

/** Building (pool indexing included) over the first `size` certificates of the pool. */
async function benchPool(size: number, pool: readonly Certificate[], path: TestIssuer[]): Promise<{ size: number; build_ms: number }> {
  const [leaf, , , root] = path as [TestIssuer, TestIssuer, TestIssuer, TestIssuer];
  const slice = pool.slice(0, size);
  const run = async () => {
    clearPkiCaches({ certificates: false, signatures: true });
    const result = await buildAndValidatePath({ target: leaf.certificate, intermediates: createCertificatePool(slice), trustAnchors: [root.certificate], time: new Date('2030-01-01T00:00:00Z') });
    if (!result.valid) throw new Error(`pool ${size}: no path`);
  };
  const build_ms = await time(Math.max(9, runsArg), run);
  process.stderr.write(`pool ${String(size).padStart(6)}                      build ${build_ms.toFixed(2).padStart(8)} ms\n`);
  return { size, build_ms: round(build_ms) };
}

const loadAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
process.stderr.write(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs (WebCrypto round trips suffer most from load); ${WARM_UP_RUNS} warm-up runs (at most ${WARM_UP_MS} ms) per function before sampling\n`);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const cases: CaseResult[] = [];
const pools: { size: number; build_ms: number }[] = [];
if (only === undefined || only === 'paths') {
  // Each case made just before it is measured (the limbo corpus is read last, for the last case).
  for (const make of [realIcpBrasilCase, () => generatedCase('RSA'), () => generatedCase('P-256'), pathologicalCase]) cases.push(await benchCase(await make()));
  const { path } = await generatePath('P-256', 4);
  const pool = await generatePool(10_000, path);
  for (const size of [100, 1_000, 10_000]) pools.push(await benchPool(size, pool, path));
}

// SM2 (sign + CMS assembly, 3-certificate path), beside sm-crypto-v2 doing the same SM2 work.
const sm2 = only === undefined || only === 'sm2' ? await benchSm2(runsArg, timeInterleaved, (line) => process.stderr.write(line)) : undefined;

/** A DER TLV at `offset`: where its content starts and ends. */
function tlv(bytes: Uint8Array, offset: number): { start: number; end: number } {
  let length = bytes[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[start + i]!;
    start += n;
  }
  return { start, end: start + length };
}

/** The floor's CRL check: node:crypto verifies the signature, then one linear walk over the entries looks for the serial. */
function nativeCrlCheck(crl: Uint8Array, issuer: X509Certificate, serial: Uint8Array): boolean {
  const outer = tlv(crl, 0);
  const tbs = tlv(crl, outer.start);
  const algorithm = tlv(crl, tbs.end);
  const signature = tlv(crl, algorithm.end);
  if (!nodeVerify('sha256', crl.subarray(outer.start, tbs.end), issuer.publicKey, crl.subarray(signature.start + 1, signature.end))) return false;
  // tbsCertList: version, signature, issuer, thisUpdate, nextUpdate, then the revokedCertificates SEQUENCE.
  let at = tbs.start;
  for (let field = 0; field < 5; field++) at = tlv(crl, at).end;
  if (crl[at] !== 0x30) return true;
  const list = tlv(crl, at);
  for (let entry = list.start; entry < list.end; entry = tlv(crl, entry).end) {
    const number = tlv(crl, tlv(crl, entry).start);
    const value = crl.subarray(number.start, number.end);
    if (value.length === serial.length && value.every((b, i) => b === serial[i])) return false;
  }
  return true;
}

/**
 * A CRL for pkijs. Its own `CertificateRevocationList.fromBER` cannot read a CRL of more than about
 * 3,300 entries: asn1js 4 stops at 10,000 ASN.1 nodes by default (a guard against hostile input;
 * each entry is at least three nodes) and pkijs passes no options. OpenSSL reads the same CRL, so the
 * CRL is well-formed; pkijs gets asn1js's parse with the node cap raised to the CRL's size.
 */
function pkijsCrl(der: Uint8Array): pkijs.CertificateRevocationList {
  const asn1 = asn1js.fromBER(toBuffer(der), { maxNodes: der.length });
  if (asn1.offset === -1) throw new Error(`asn1js: ${asn1.result.error}`);
  return new pkijs.CertificateRevocationList({ schema: asn1.result });
}

type RevocationCaseResult = { name: string; crl_entries: number; engine_ms: number; pkijs_ms: number; native_ms: number; engine_cpu_ms: number; native_cpu_ms: number; pkijs_verdict: boolean };

async function benchRevocation(entries: number): Promise<RevocationCaseResult> {
  const rsa = (bits: number) => generateKeys('RSA', bits);
  const root = await generateCertificate({ subject: [['2.5.4.6', 'BR'], ['2.5.4.10', 'ICP-Brasil'], ['2.5.4.3', 'Autoridade Certificadora Raiz Brasileira v10 (bench)']], keys: await rsa(4096), kind: 'RSA', ca: true });
  const ca = await generateCertificate({ subject: [['2.5.4.6', 'BR'], ['2.5.4.10', 'ICP-Brasil'], ['2.5.4.3', 'AC Bench SSL EV G4']], issuer: root, keys: await rsa(4096), kind: 'RSA', ca: true, pathLen: 0 });
  const leaf = await generateCertificate({ subject: [['2.5.4.6', 'BR'], ['2.5.4.3', 'nfce.bench.gov.br']], issuer: ca, keys: await rsa(2048), kind: 'RSA', dnsNames: ['nfce.bench.gov.br'], serial: 0x7fff_ffff });
  const revokedSerials = Array.from({ length: entries }, (_, i) => new Uint8Array([0x10, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff]));
  const caCrl = await generateCrl({ issuer: ca, revokedSerials });
  const rootCrl = await generateCrl({ issuer: root });
  const at = new Date('2030-01-01T00:00:00Z');
  const ders = { leaf: leaf.certificate.der, ca: ca.certificate.der, root: root.certificate.der };
  const engine = async () => {
    clearPkiCaches();
    const [target, intermediate, anchor] = await Promise.all([ders.leaf, ders.ca, ders.root].map((d) => parseCertificate(d)));
    const crls = await Promise.all([caCrl, rootCrl].map((d) => parseCrl(d)));
    const result = await buildAndValidatePath({ target: target!, intermediates: [intermediate!], trustAnchors: [anchor!], time: at, revocation: { mode: 'require', crls } });
    if (!result.valid) throw new Error('revocation bench: the engine refused the path');
  };
  const native = async () => {
    const [l, c, r] = [ders.leaf, ders.ca, ders.root].map((d) => new X509Certificate(d)) as [X509Certificate, X509Certificate, X509Certificate];
    const ok = l.verify(c.publicKey) && c.verify(r.publicKey) && nativeCrlCheck(caCrl, c, leaf.certificate.serialNumber) && nativeCrlCheck(rootCrl, r, ca.certificate.serialNumber);
    if (!ok) throw new Error('revocation bench: the floor refused the path');
  };
  const pkijsRun = async () => {
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: [pkijs.Certificate.fromBER(toBuffer(ders.root))],
      certs: [ders.ca, ders.leaf].map((d) => pkijs.Certificate.fromBER(toBuffer(d))),
      crls: [caCrl, rootCrl].map(pkijsCrl),
      checkDate: at,
    });
    const result = await engine.verify();
    if (!result.result) pkijsMessage = result.resultMessage;
    return result.result;
  };
  let pkijsMessage = '';
  const pkijs_verdict = await pkijsRun().catch((error: unknown) => {
    pkijsMessage = `threw ${String(error)}`;
    return false;
  });
  collectGarbage();
  const measured = await timeInterleavedWithCpu(runsArg, [engine, native]);
  const [engine_ms, native_ms] = measured.wall as [number, number];
  const [engine_cpu_ms, native_cpu_ms] = measured.cpu as [number, number];
  const pkijs_ms = await time(runsArg, () => pkijsRun().catch(() => false));
  const name = `icp-brasil-shaped RSA path + ${entries.toLocaleString('en')}-entry CRL`;
  if (!pkijs_verdict) process.stderr.write(`pkijs refuses the path: ${pkijsMessage}\n`);
  process.stderr.write(`${name.padEnd(50)} engine ${engine_ms.toFixed(2).padStart(8)} ms  pkijs ${pkijs_ms.toFixed(2).padStart(8)} ms (verdict ${pkijs_verdict})  native ${native_ms.toFixed(2).padStart(7)} ms  engine/native ${(engine_ms / native_ms).toFixed(2)}  cpu ${engine_cpu_ms.toFixed(2)} / ${native_cpu_ms.toFixed(2)} ms ratio ${(engine_cpu_ms / native_cpu_ms).toFixed(2)}\n`);
  return { name, crl_entries: entries, engine_ms: round(engine_ms), pkijs_ms: round(pkijs_ms), native_ms: round(native_ms), engine_cpu_ms: round(engine_cpu_ms), native_cpu_ms: round(native_cpu_ms), pkijs_verdict };
}

/** parseCrl alone over CRLs of growing size (one P-256 issuer; entries as real CAs write them: serial, date, reason). */
async function benchCrlParsing(): Promise<{ entries: number; parse_ms: number; ms_per_1000: number }[]> {
  const issuer = await generateCertificate({ subject: 'CRL Bench CA', keys: await generateKeys('P-256'), kind: 'P-256', ca: true });
  const results: { entries: number; parse_ms: number; ms_per_1000: number }[] = [];
  for (const entries of [10_000, 50_000, 100_000]) {
    const crl = await generateCrl({ issuer, entries: Array.from({ length: entries }, (_, i) => ({ serial: new Uint8Array([0x20, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff, 0x5a, 0xa5, 0x11, 0x22]), reason: i % 3 === 0 ? 1 : 4 })) });
    // Every entry read in full (parseCrl alone reads the header and leaves the entries to lookups).
    const parse_ms = await time(Math.max(5, Math.floor(runsArg / 3)), async () => (await parseCrl(crl)).revoked.length);
    const ms_per_1000 = parse_ms / (entries / 1000);
    process.stderr.write(`parseCrl + every entry ${String(entries).padStart(7)} entries (${(crl.length / 1e6).toFixed(1)} MB)   ${parse_ms.toFixed(2).padStart(8)} ms  ${ms_per_1000.toFixed(3)} ms per 1,000 entries\n`);
    results.push({ entries, parse_ms: round(parse_ms), ms_per_1000: round(ms_per_1000) });
  }
  return results;
}

const revocation = only === undefined || only === 'revocation' ? [await benchRevocation(10_000)] : [];
const crlParsing = only === undefined || only === 'revocation' ? await benchCrlParsing() : [];

// The load average is part of the result: WebCrypto's thread-pool round trips make the engine's
// figures, unlike the synchronous native floor, sensitive to other work on the machine.
writeFileSync(out, `${JSON.stringify({ load_average: loadAtStart, cases, sm2, pool: pools, revocation, crl_parsing: crlParsing }, null, 2)}
`);
process.stderr.write(`wrote ${out}\n`);
