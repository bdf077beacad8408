/**
 * `pki path TARGET --anchors FILE|DIR... [--pool FILE|DIR...] [--time ISO] [--host NAME] [--eku NAME]
 * [--relax RULE,...] [--revocation require|prefer] [--crl FILE...] [--fetch-crls] [--json]`: builds
 * and validates a certification path and prints what was checked, per certificate. `--fetch-crls`
 * downloads the CRLs the certificates name (network). Exit code 0 when the path is valid, 1 when not.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildAndValidatePath, type Certificate, extendedKeyUsageOids, formatName, parseCrl, type ProfileRule, profileRules, readCertificates, type RevocationMode, type RevocationStatus, type ValidationProfileName, validationProfiles } from '../../app/pki/index';

function files(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target)
    .filter((f) => /\.(pem|crt|cer|der|p7b|p7c)$/i.test(f))
    .sort()
    .map((f) => join(target, f));
}

/** An option or input the command cannot use: one sentence for the person, exit code 2. */
class UsageError extends Error {}

async function load(paths: readonly string[]): Promise<Certificate[]> {
  const out: Certificate[] = [];
  for (const path of paths) {
    let found: string[];
    try {
      found = files(path);
    } catch {
      throw new UsageError(`${path} cannot be read: give an existing certificate file or folder.`);
    }
    for (const file of found) {
      try {
        out.push(...(await readCertificates(readFileSync(file))));
      } catch (error) {
        throw new UsageError(`${file} holds no readable certificate (${(error as Error).message}): give a PEM, DER or PKCS#7 certificate file.`);
      }
    }
  }
  return out;
}

const DOTTED_OID = /^[0-2](\.(0|[1-9]\d*))+$/;

function options(args: readonly string[]): { positional: string[]; values: Map<string, string[]>; flags: Set<string> } {
  const positional: string[] = [];
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  let current: string | undefined;
  for (const arg of args) {
    if (arg === '--json' || arg === '--fetch-crls') {
      flags.add(arg.slice(2));
      current = undefined;
    }
    else if (arg.startsWith('--')) current = arg.slice(2);
    else if (current) values.set(current, [...(values.get(current) ?? []), arg]);
    else positional.push(arg);
  }
  return { positional, values, flags };
}

export async function pathCommand(args: readonly string[]): Promise<number> {
  try {
    return await run(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`pki: ${error.message}\n`);
    return 2;
  }
}

async function run(args: readonly string[]): Promise<number> {
  const { positional, values, flags } = options(args);
  const [targetFile] = positional;
  const anchorFiles = values.get('anchors') ?? [];
  if (!targetFile || anchorFiles.length === 0) {
    process.stderr.write('usage: pki path TARGET --anchors FILE|DIR... [--pool FILE|DIR...] [--time ISO] [--host NAME] [--eku NAME|OID] [--profile rfc5280|strict] [--relax RULE,...] [--revocation require|prefer] [--crl FILE...] [--fetch-crls] [--json]\n');
    return 2;
  }
  const timeText = values.get('time')?.[0];
  const time = timeText === undefined ? new Date() : parseIsoTime(timeText);
  if (!time) {
    process.stderr.write(`pki: --time "${timeText}" is not a valid date and time; give an ISO 8601 UTC time such as 2025-01-15T12:00:00Z.\n`);
    return 2;
  }
  const relax = (values.get('relax') ?? []).flatMap((r) => r.split(',')).filter((r) => r !== '');
  const unknownRule = relax.find((rule) => !(profileRules as readonly string[]).includes(rule));
  if (unknownRule !== undefined) throw new UsageError(`--relax "${unknownRule}" is not a profile rule; use one of ${profileRules.join(', ')}.`);
  const profile = values.get('profile')?.[0] ?? 'rfc5280';
  if (!(validationProfiles as readonly string[]).includes(profile)) throw new UsageError(`--profile "${profile}" is not a validation profile; use one of ${validationProfiles.join(', ')}.`);
  const eku = values.get('eku') ?? [];
  const unknownEku = eku.find((name) => !(name in extendedKeyUsageOids) && !DOTTED_OID.test(name));
  if (unknownEku !== undefined) throw new UsageError(`--eku "${unknownEku}" is neither a known usage (${Object.keys(extendedKeyUsageOids).join(', ')}) nor a dotted OID.`);
  const [target] = await load([targetFile]);
  if (!target) throw new UsageError(`${targetFile} holds no certificate: give the certificate to validate.`);
  const host = values.get('host')?.[0];
  const crlFiles = values.get('crl') ?? [];
  const mode = (values.get('revocation')?.[0] ?? (crlFiles.length > 0 || flags.has('fetch-crls') ? 'prefer' : 'off')) as RevocationMode;
  if (!['require', 'prefer', 'off'].includes(mode)) throw new UsageError(`--revocation must be require, prefer or off, not ${mode}.`);
  const crls = await Promise.all(
    crlFiles.map(async (file) => {
      try {
        return await parseCrl(readFileSync(file));
      } catch (error) {
        throw new UsageError(`${file} holds no readable CRL (${(error as Error).message}).`);
      }
    }),
  );
  const result = await buildAndValidatePath({
    target,
    intermediates: await load(values.get('pool') ?? []),
    trustAnchors: await load(anchorFiles),
    time,
    peerName: host ? { type: /^[\d.]+$|:/.test(host) ? 'ip' : 'dns', value: host } : undefined,
    requiredExtendedKeyUsages: eku.map((name) => extendedKeyUsageOids[name] ?? name),
    conformance: { profile: profile as ValidationProfileName, relax: relax as ProfileRule[] },
    revocation: { mode, crls, fetchCrls: flags.has('fetch-crls') || undefined },
  });
  if (flags.has('json')) {
    const report = (result.valid ? result.validation : result.attempts[0])?.certificates.map((r) => ({ subject: formatName(r.certificate.subject), role: r.role, identity: r.certificate.identity, sha256: r.certificate.fingerprintSha256, checked: r.checked, failures: r.failures, warnings: r.warnings, revocation: r.revocation }));
    process.stdout.write(`${JSON.stringify({ valid: result.valid, reason: result.valid ? undefined : result.reason, failures: result.valid ? [] : result.failures, certificates: report }, null, 2)}\n`);
  } else {
    process.stdout.write(result.valid ? 'VALID\n' : `NOT VALID (${result.reason})\n`);
    const shown = result.valid ? result.validation : result.attempts[0];
    for (const r of shown?.certificates ?? []) {
      process.stdout.write(`  ${r.role.padEnd(12)} ${formatName(r.certificate.subject)}\n      checked: ${r.checked.join(', ')}\n`);
      if (r.revocation) process.stdout.write(`      revocation: ${describeStatus(r.revocation)}\n`);
      for (const f of r.failures) process.stdout.write(`      FAILED ${f.messageKey}: ${f.message}\n`);
      for (const w of r.warnings) process.stdout.write(`      WARNING ${w.messageKey}: ${w.message}\n`);
    }
    if (!result.valid && !shown) for (const f of result.failures) process.stdout.write(`  ${f.messageKey}: ${f.message}\n`);
  }
  return result.valid ? 0 : 1;
}

/**
 * An ISO 8601 date or date-time (seconds, fractions and a Z or +hh:mm offset optional), on a real
 * calendar day: `new Date()` alone takes "1" as 2001 and 30 February as 2 March.
 */
function parseIsoTime(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const calendar = new Date(Date.UTC(year as number, (month as number) - 1, day));
  if (calendar.getUTCMonth() !== (month as number) - 1 || calendar.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function describeStatus(status: RevocationStatus): string {
  if (status.status === 'unknown') return `unknown (${status.reason})`;
  return `${status.status} (${status.source})`;
}
