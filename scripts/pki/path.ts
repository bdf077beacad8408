/**
 * `pki path TARGET --anchors FILE|DIR... [--pool FILE|DIR...] [--time ISO] [--host NAME] [--eku NAME]
 * [--relax RULE,...] [--revocation require|prefer] [--crl FILE...] [--fetch-crls] [--json]`: builds
 * and validates a certification path and prints what was checked, per certificate. `--fetch-crls`
 * downloads the CRLs the certificates name (network). Exit code 0 when the path is valid, 1 when not.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildAndValidatePath, type Certificate, extendedKeyUsageOids, formatName, parseCrl, type ProfileRule, readCertificates, type RevocationMode, type RevocationStatus } from '../../app/pki/index';

function files(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target)
    .filter((f) => /\.(pem|crt|cer|der|p7b|p7c)$/i.test(f))
    .sort()
    .map((f) => join(target, f));
}

async function load(paths: readonly string[]): Promise<Certificate[]> {
  const out: Certificate[] = [];
  for (const path of paths.flatMap(files)) out.push(...(await readCertificates(readFileSync(path))));
  return out;
}

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
  const { positional, values, flags } = options(args);
  const [targetFile] = positional;
  const anchorFiles = values.get('anchors') ?? [];
  if (!targetFile || anchorFiles.length === 0) {
    process.stderr.write('usage: pki path TARGET --anchors FILE|DIR... [--pool FILE|DIR...] [--time ISO] [--host NAME] [--eku NAME] [--relax RULE,...] [--revocation require|prefer] [--crl FILE...] [--fetch-crls] [--json]\n');
    return 2;
  }
  const timeText = values.get('time')?.[0];
  const time = timeText === undefined ? new Date() : parseIsoTime(timeText);
  if (!time) {
    process.stderr.write(`pki: --time "${timeText}" is not a valid date and time; give an ISO 8601 UTC time such as 2025-01-15T12:00:00Z.\n`);
    return 2;
  }
  const [target] = await load([targetFile]);
  if (!target) throw new Error(`${targetFile} holds no certificate`);
  const host = values.get('host')?.[0];
  const eku = values.get('eku') ?? [];
  const crlFiles = values.get('crl') ?? [];
  const mode = (values.get('revocation')?.[0] ?? (crlFiles.length > 0 || flags.has('fetch-crls') ? 'prefer' : 'off')) as RevocationMode;
  if (!['require', 'prefer', 'off'].includes(mode)) throw new Error(`--revocation must be require, prefer or off, not ${mode}`);
  const result = await buildAndValidatePath({
    target,
    intermediates: await load(values.get('pool') ?? []),
    trustAnchors: await load(anchorFiles),
    time,
    peerName: host ? { type: /^[\d.]+$|:/.test(host) ? 'ip' : 'dns', value: host } : undefined,
    requiredExtendedKeyUsages: eku.map((name) => extendedKeyUsageOids[name] ?? name),
    conformance: { relax: (values.get('relax') ?? []).flatMap((r) => r.split(',')) as ProfileRule[] },
    revocation: { mode, crls: await Promise.all(crlFiles.map((file) => parseCrl(readFileSync(file)))), fetchCrls: flags.has('fetch-crls') || undefined },
  });
  if (flags.has('json')) {
    const report = (result.valid ? result.validation : result.attempts[0])?.certificates.map((r) => ({ subject: formatName(r.certificate.subject), role: r.role, identity: r.certificate.identity, sha256: r.certificate.fingerprintSha256, checked: r.checked, failures: r.failures, revocation: r.revocation }));
    process.stdout.write(`${JSON.stringify({ valid: result.valid, reason: result.valid ? undefined : result.reason, failures: result.valid ? [] : result.failures, certificates: report }, null, 2)}\n`);
  } else {
    process.stdout.write(result.valid ? 'VALID\n' : `NOT VALID (${result.reason})\n`);
    const shown = result.valid ? result.validation : result.attempts[0];
    for (const r of shown?.certificates ?? []) {
      process.stdout.write(`  ${r.role.padEnd(12)} ${formatName(r.certificate.subject)}\n      checked: ${r.checked.join(', ')}\n`);
      if (r.revocation) process.stdout.write(`      revocation: ${describeStatus(r.revocation)}\n`);
      for (const f of r.failures) process.stdout.write(`      FAILED ${f.messageKey}: ${f.message}\n`);
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
