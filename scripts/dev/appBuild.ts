// The production build that `npm start` serves: made once, and made again only when its sources change.
// A cold first page then loads a few compressed chunks instead of having the dev server transform
// hundreds of modules on request, and a ledger restart cannot force-reload the page (no HMR socket).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '..', '..');
const outDir = path.join(root, 'dist');
const stampFile = path.join(outDir, '.sources-sha256');

/** What the bundle is made from; a change in any of these makes a new build. */
const SOURCES = ['app', 'contracts-abi', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];

function* files(entry: string): Generator<string> {
  if (!existsSync(entry)) return;
  if (statSync(entry).isFile()) {
    yield entry;
    return;
  }
  for (const name of readdirSync(entry).sort()) {
    // Tests and fixtures never reach the bundle; leaving them out keeps a test edit from rebuilding.
    if (name === '__fixtures__' || /\.test\.tsx?$/.test(name)) continue;
    yield* files(path.join(entry, name));
  }
}

/** SHA-256 over the paths and contents of every source of the bundle. */
export function appSourcesHash(): string {
  const hash = createHash('sha256');
  for (const source of SOURCES)
    for (const file of files(path.join(root, source))) {
      hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  return hash.digest('hex');
}

export type EnsureAppBuildReturnType = { readonly rebuilt: boolean; readonly outDir: string };

/** Builds dist/ unless it was built from exactly the current sources. */
export async function ensureAppBuild(log: (line: string) => void = () => {}): Promise<EnsureAppBuildReturnType> {
  const sources = appSourcesHash();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === sources) return { rebuilt: false, outDir };
  log('Building the app (once; again only when its sources change)…');
  const started = performance.now();
  // Errors only: the bundler's warnings are for whoever changes the build, not for a person starting the app.
  await build({ root, logLevel: 'error' });
  writeFileSync(stampFile, sources + '\n');
  log(`Built in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return { rebuilt: true, outDir };
}
