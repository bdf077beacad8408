/**
 * x509-limbo harness: runs every testcase of a limbo suite through the engine and reports
 * SUCCESS / FAILURE / SKIPPED per case (the harness contract of C2SP/x509-limbo).
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { buildAndValidatePath, type BuildPathParameters, type Certificate, extendedKeyUsageOids, type KeyUsage, parseCrl, type PeerName, readCertificates, type ValidationProfileName } from '../../app/pki/index';

export type LimboPeerName = { kind: 'DNS' | 'IP' | 'RFC822'; value: string };

export type LimboTestcase = {
  id: string;
  features?: string[] | null;
  validation_kind: 'SERVER' | 'CLIENT';
  trusted_certs: string[];
  untrusted_intermediates: string[];
  peer_certificate: string;
  validation_time: string | null;
  signature_algorithms?: string[] | null;
  key_usage?: string[] | null;
  extended_key_usage?: string[] | null;
  expected_result: 'SUCCESS' | 'FAILURE';
  expected_peer_name?: LimboPeerName | null;
  expected_peer_names?: LimboPeerName[] | null;
  max_chain_depth?: number | null;
  crls?: string[] | null;
  conflicts_with?: string[] | null;
  /** RFC 5280 initial inputs, when a suite carries them. */
  initial_policy_set?: string[] | null;
  initial_explicit_policy?: boolean | null;
  initial_policy_mapping_inhibit?: boolean | null;
  initial_any_policy_inhibit?: boolean | null;
  revocation?: 'require' | 'prefer' | 'off' | null;
};

export type LimboSuite = { version: number; testcases: LimboTestcase[] };

export type LimboResult = { id: string; actual_result: 'SUCCESS' | 'FAILURE' | 'SKIPPED'; context: string | null };

/**
 * Features this engine deliberately does not implement: a public-suffix list (wildcards over public
 * suffixes), the CA/B Forum EKU rules that contradict RFC 5280 (EE without EKU, anyEKU), and
 * profile checks on trust anchors beyond their name, key and constraints (RFC 5280 6.1.1 (d)).
 */
export const UNSUPPORTED_FEATURES: ReadonlySet<string> = new Set(['pedantic-public-suffix-wildcard', 'pedantic-webpki-eku', 'pedantic-rfc5280']);

export async function readLimboSuite(file: string): Promise<LimboSuite> {
  const bytes = await readFile(file);
  const text = file.endsWith('.gz') || (bytes[0] === 0x1f && bytes[1] === 0x8b) ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return JSON.parse(text) as LimboSuite;
}

const encoder = new TextEncoder();

async function certs(pems: readonly string[]): Promise<Certificate[]> {
  const out: Certificate[] = [];
  for (const pem of pems) out.push(...(await readCertificates(encoder.encode(pem))));
  return out;
}

const toPeerName = (name: LimboPeerName): PeerName => ({ type: name.kind === 'DNS' ? 'dns' : name.kind === 'IP' ? 'ip' : 'email', value: name.value });

/**
 * The validation profile x509-limbo's testcases test. x509-limbo's expectations are a strict verifier's: its
 * rfc5280:: and webpki:: cases refuse CA-profile violations (RFC 5280 section 4, RFC 5480) that
 * section 6 alone accepts, and the other namespaces (bettertls, pathological, cve) agree with both.
 */
export const LIMBO_PROFILE: ValidationProfileName = 'strict';

/** The engine's inputs for a testcase (undefined when it has no peer certificate). */
export async function limboBuildParameters(testcase: LimboTestcase): Promise<BuildPathParameters | undefined> {
  const [target] = await certs([testcase.peer_certificate]);
  if (!target) return undefined;
  const intermediates = await certs(testcase.untrusted_intermediates);
  const trustAnchors = await certs(testcase.trusted_certs);
  const crls = await Promise.all((testcase.crls ?? []).map((pem) => parseCrl(pem)));
  const peer = testcase.expected_peer_name ?? undefined;
  const ekus = testcase.extended_key_usage && testcase.extended_key_usage.length > 0 ? testcase.extended_key_usage : testcase.validation_kind === 'SERVER' ? ['serverAuth'] : [];
  return {
    target,
    intermediates,
    trustAnchors,
    time: testcase.validation_time ? new Date(testcase.validation_time) : new Date(),
    peerName: peer ? toPeerName(peer) : undefined,
    peerNames: (testcase.expected_peer_names ?? []).map(toPeerName),
    requiredExtendedKeyUsages: ekus.map((name) => extendedKeyUsageOids[name] ?? name),
    extendedKeyUsageOnIssuers: true,
    requiredKeyUsages: (testcase.key_usage ?? []) as KeyUsage[],
    maxIntermediates: testcase.max_chain_depth ?? undefined,
    initialPolicySet: testcase.initial_policy_set ?? undefined,
    initialExplicitPolicy: testcase.initial_explicit_policy ?? undefined,
    initialPolicyMappingInhibit: testcase.initial_policy_mapping_inhibit ?? undefined,
    initialAnyPolicyInhibit: testcase.initial_any_policy_inhibit ?? undefined,
    revocation: { mode: testcase.revocation ?? (crls.length > 0 ? 'prefer' : 'off'), crls },
    conformance: { profile: LIMBO_PROFILE },
  };
}

export async function runLimboTestcase(testcase: LimboTestcase): Promise<LimboResult> {
  const skip = (testcase.features ?? []).find((f) => UNSUPPORTED_FEATURES.has(f));
  if (skip) return { id: testcase.id, actual_result: 'SKIPPED', context: `feature ${skip} is not implemented` };
  try {
    const parameters = await limboBuildParameters(testcase);
    if (!parameters) return { id: testcase.id, actual_result: 'FAILURE', context: 'no peer certificate' };
    const result = await buildAndValidatePath(parameters);
    if (result.valid) return { id: testcase.id, actual_result: 'SUCCESS', context: null };
    return { id: testcase.id, actual_result: 'FAILURE', context: result.failures.map((f) => `${f.messageKey}: ${f.message}`).join('; ').slice(0, 500) };
  } catch (error) {
    return { id: testcase.id, actual_result: 'FAILURE', context: `error: ${(error as Error).message}` };
  }
}

export function namespaceOf(id: string): string {
  const parts = id.split('::');
  return parts[0] === 'bettertls' ? parts.slice(0, 2).join('::') : (parts[0] as string);
}

export type LimboTally = Record<string, { pass: number; fail: number; skipped: number; falseAccept: number }>;

export function tally(suite: LimboSuite, results: readonly LimboResult[]): LimboTally {
  const expected = new Map(suite.testcases.map((t) => [t.id, t.expected_result]));
  const out: LimboTally = {};
  for (const r of results) {
    const ns = (out[namespaceOf(r.id)] ??= { pass: 0, fail: 0, skipped: 0, falseAccept: 0 });
    if (r.actual_result === 'SKIPPED') ns.skipped++;
    else if (r.actual_result === expected.get(r.id)) ns.pass++;
    else {
      ns.fail++;
      if (r.actual_result === 'SUCCESS') ns.falseAccept++;
    }
  }
  return out;
}

/** Runs testcases a few at a time so signature checks overlap on the crypto thread pool. */
export async function runLimboSuite(suite: LimboSuite, concurrency = 8): Promise<LimboResult[]> {
  const results: LimboResult[] = new Array(suite.testcases.length);
  let next = 0;
  const worker = async () => {
    while (next < suite.testcases.length) {
      const index = next++;
      results[index] = await runLimboTestcase(suite.testcases[index] as LimboTestcase);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** `pki limbo FILE`: harness JSON on stdout, per-namespace counts on stderr. */
export async function limboCommand(args: readonly string[]): Promise<number> {
  const file = args[0];
  if (!file) {
    process.stderr.write('usage: pki limbo FILE(.json|.json.gz)\n');
    return 2;
  }
  const suite = await readLimboSuite(file);
  const results = await runLimboSuite(suite);
  process.stdout.write(`${JSON.stringify({ version: 1, harness: 'pki-ledger-signing', results })}\n`);
  const counts = tally(suite, results);
  let total = { pass: 0, fail: 0, skipped: 0, falseAccept: 0 };
  for (const [ns, c] of Object.entries(counts).sort()) {
    process.stderr.write(`${ns.padEnd(28)} pass ${String(c.pass).padStart(5)}  fail ${String(c.fail).padStart(4)}  skip ${String(c.skipped).padStart(3)}  false-accept ${c.falseAccept}\n`);
    total = { pass: total.pass + c.pass, fail: total.fail + c.fail, skipped: total.skipped + c.skipped, falseAccept: total.falseAccept + c.falseAccept };
  }
  process.stderr.write(`${'total'.padEnd(28)} pass ${String(total.pass).padStart(5)}  fail ${String(total.fail).padStart(4)}  skip ${String(total.skipped).padStart(3)}  false-accept ${total.falseAccept}\n`);
  return 0;
}
