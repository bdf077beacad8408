// The `demo` subcommand of the pki command line: generates the demo PKIs (Brazil-shaped RSA,
// China-shaped ECDSA) into a folder, once. An existing folder is kept unless --force.
//   tsx scripts/pki/demo.ts [--out DIR] [--force]      (default DIR: data/demo-pki)
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildDemoPkis, type DemoManifest } from '../../app/pki/testing.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
export const DEFAULT_DEMO_DIR = path.join(root, 'data', 'demo-pki');

export type GenerateDemoPkisOptions = { readonly force?: boolean };

export type GenerateDemoPkisResult = {
  readonly manifest: DemoManifest;
  /** false when an existing folder was kept. */
  readonly created: boolean;
  readonly timings: Readonly<Record<string, number>>;
  readonly elapsedMs: number;
};

/** The folder exists but is not a complete demo of this version: regenerating it is the user's call. */
export class DemoFolderError extends Error {
  override name = 'DemoFolderError';
}

function readExistingManifest(dir: string, manifestPath: string): DemoManifest {
  let manifest: DemoManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as DemoManifest;
  } catch (cause) {
    throw new DemoFolderError(`${manifestPath} is not readable JSON; run with --force to regenerate the demo PKIs`, { cause });
  }
  // (Array.isArray on a readonly array type would widen it to any[].)
  const pkis = manifest.version === 1 && Array.isArray(manifest.pkis as unknown) ? manifest.pkis : undefined;
  const files =
    pkis !== undefined
      ? pkis.flatMap((pki) => [
          ...[pki.root, ...pki.intermediates, ...pki.holders].flatMap((entry) => [entry.der, entry.pem]),
          ...pki.holders.flatMap((holder) => (holder.pkcs12 ? [holder.pkcs12] : [])),
        ])
      : undefined;
  const missing = files?.filter((file) => !existsSync(path.join(dir, file)));
  if (!files || missing!.length > 0) {
    const what = files ? `misses ${missing!.join(', ')}` : 'is from another version';
    throw new DemoFolderError(`${dir} ${what}; run with --force to regenerate the demo PKIs`);
  }
  return manifest;
}

/** Generates the demo PKIs into `dir` (or keeps what is there) and returns the manifest. */
export async function generateDemoPkis(dir: string, options: GenerateDemoPkisOptions = {}): Promise<GenerateDemoPkisResult> {
  const manifestPath = path.join(dir, 'manifest.json');
  if (existsSync(manifestPath) && !options.force) {
    const manifest = readExistingManifest(dir, manifestPath);
    return { manifest, created: false, timings: {}, elapsedMs: 0 };
  }
  const began = performance.now();
  const { manifest, files, timings } = await buildDemoPkis();
  // Write beside the target and rename, so an interrupted run never leaves a half-written folder.
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  for (const [relative, content] of files) {
    const full = path.join(staging, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content, { mode: relative.endsWith('.p12') ? 0o600 : 0o644 });
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  renameSync(staging, dir);
  return { manifest, created: true, timings, elapsedMs: Math.round(performance.now() - began) };
}

function usage(): string {
  return 'usage: pki demo [--out DIR] [--force]\n  Generates the demo PKIs (default folder: data/demo-pki); keeps an existing folder unless --force.\n';
}

/** Where runDemo writes; tests pass their own. */
export type DemoOutput = { readonly stdout: { write(text: string): unknown }; readonly stderr: { write(text: string): unknown } };

export async function runDemo(argv: string[], io: DemoOutput = process): Promise<number> {
  let dir = DEFAULT_DEMO_DIR;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--force') force = true;
    else if (argument === '--out' && argv[i + 1]) dir = path.resolve(argv[++i]!);
    else if (argument === '--help' || argument === '-h') {
      io.stdout.write(usage());
      return 0;
    } else {
      io.stderr.write(`unknown argument: ${argument}\n${usage()}`);
      return 2;
    }
  }
  let result: GenerateDemoPkisResult;
  try {
    result = await generateDemoPkis(dir, { force });
  } catch (error) {
    if (!(error instanceof DemoFolderError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return 1;
  }
  const out = io.stdout;
  out.write(result.created ? `Demo PKIs generated in ${dir} (${result.elapsedMs} ms)\n` : `Demo PKIs kept in ${dir} (use --force to regenerate)\n`);
  for (const [step, ms] of Object.entries(result.timings)) out.write(`  ${step}: ${ms} ms\n`);
  for (const pki of result.manifest.pkis) {
    out.write(`\n${pki.description}\n  root ${pki.root.subject}\n       SHA-256 ${pki.root.sha256}\n`);
    for (const holder of pki.holders) out.write(`  holder ${holder.subject}\n         ${path.join(dir, holder.pkcs12 ?? holder.pem)}\n`);
  }
  out.write(`\nPKCS#12 password of every demo holder: ${result.manifest.password}\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  process.exitCode = await runDemo(process.argv.slice(2));
}
