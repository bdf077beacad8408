// Runs forge from the npm package inside contracts/, offline, with the solc-js wrapper configured in
// foundry.toml. Usage: tsx scripts/contracts/forge.ts test [forge args...]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { contractsDir } from './compile.ts';

const require = createRequire(import.meta.url);
// The package's bin.mjs picks the binary for this platform.
const forgeBin = path.join(path.dirname(require.resolve('@foundry-rs/forge/package.json')), 'bin.mjs');

export function forge(args: readonly string[]): number {
  const result = spawnSync(process.execPath, [forgeBin, ...args, '--offline'], { cwd: contractsDir, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(forge(process.argv.slice(2)));
