/**
 * PKI engine benchmark: `npm run --silent bench:pki -- --out FILE [--runs N]`.
 *
 * Per case, the median milliseconds to go from DER bytes to a verdict with (engine and native sampled in turn)
 *  - engine: this engine (parse + build + validate; caches cleared each run),
 *  - pkijs: stock pkijs CertificateChainValidationEngine over the same certificates,
 *  - native: a floor, node:crypto X509Certificate parse + verify over the same links.
 * Then the SM2 cases (pki-sm2.ts) and path-building time over pools of 100, 1,000 and 10,000 certificates (parsed once).
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as pkijs from 'pkijs';
import { generateCertificate, generateKeys, generatePath, type TestIssuer } from '../../app/pki/__fixtures__/generate';
import { buildAndValidatePath, type Certificate, clearPkiCaches, createCertificatePool, parseCertificate, readCertificates } from '../../app/pki/index';
import { readLimboSuite } from '../pki/limbo';
import { benchSm2 } from './pki-sm2';

type Case = { name: string; leaf: Uint8Array; intermediates: Uint8Array[]; anchors: Uint8Array[]; time: Date; expectValid: boolean; runs: number };
type CaseResult = { name: string; engine_ms: number; pkijs_ms: number; native_ms: number };

const args = process.argv.slice(2);
const out = args[args.indexOf('--out') + 1];
const runsArg = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 15;
if (!args.includes('--out') || !out) {
  process.stderr.write('usage: bench:pki -- --out FILE [--runs N]\n');
  process.exit(2);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const toBuffer = (b: Uint8Array) => b.slice().buffer as ArrayBuffer;

async function time(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up (JIT), not counted
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
  for (const fn of fns) await fn(); // warm-up (JIT), not counted
  const samples = fns.map((): number[] => []);
  for (let i = 0; i < runs; i++)
    for (const [index, fn] of fns.entries()) {
      const started = performance.now();
      await fn();
      samples[index]?.push(performance.now() - started);
    }
  return samples.map(median);
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
  // Engine and floor in turn, so a burst of load hits both alike; pkijs apart, its garbage collection would be charged to the next sample.
  const [engine_ms, native_ms] = (await timeInterleaved(c.runs, [() => engineRun(c), () => nativeRun(c, links)])) as [number, number];
  const pkijs_ms = await time(c.runs, () => pkijsRun(c).catch(() => false));
  process.stderr.write(`${c.name.padEnd(34)} engine ${engine_ms.toFixed(2).padStart(8)} ms  pkijs ${pkijs_ms.toFixed(2).padStart(8)} ms (verdict ${pkijsValid})  native ${native_ms.toFixed(2).padStart(7)} ms  (${links.length} links)\n`);
  return { name: c.name, engine_ms: round(engine_ms), pkijs_ms: round(pkijs_ms), native_ms: round(native_ms) };
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
process.stderr.write(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs (WebCrypto round trips suffer most from load)\n`);
const cases: CaseResult[] = [];
for (const c of [await realIcpBrasilCase(), await generatedCase('RSA'), await generatedCase('P-256'), await pathologicalCase()]) cases.push(await benchCase(c));

// SM2 (sign + CMS assembly, 3-certificate path), beside sm-crypto-v2 doing the same SM2 work.
const sm2 = await benchSm2(runsArg, timeInterleaved, (line) => process.stderr.write(line));

const { path } = await generatePath('P-256', 4);
const pool = await generatePool(10_000, path);
const pools: { size: number; build_ms: number }[] = [];
for (const size of [100, 1_000, 10_000]) pools.push(await benchPool(size, pool, path));

// The load average is part of the result: WebCrypto's thread-pool round trips make the engine's
// figures, unlike the synchronous native floor, sensitive to other work on the machine.
writeFileSync(out, `${JSON.stringify({ load_average: loadAtStart, cases, sm2, pool: pools }, null, 2)}\n`);
process.stderr.write(`wrote ${out}\n`);
