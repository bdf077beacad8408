// Runs forge from the npm package inside contracts/, offline, with the solc-js wrapper configured in
// foundry.toml. Usage: tsx scripts/contracts/forge.ts test [forge args...]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { contractsDir } from './compile.ts';

const require = createRequire(import.meta.url);

// The platform package's binary itself, not the package's bin.mjs: that wrapper (1.7.1) never passes on
// the binary's exit status, so a failing forge test would leave `npm test` green.
const ARCH: Readonly<Record<string, string>> = { x64: 'amd64', arm64: 'arm64' };

export function forgeBinary(): string {
  const arch = ARCH[process.arch];
  if (!arch) throw new Error(`No forge binary for ${process.platform}/${process.arch}.`);
  const name = process.platform === 'win32' ? 'forge.exe' : 'forge';
  return require.resolve(`@foundry-rs/forge-${process.platform}-${arch}/bin/${name}`);
}

export function forge(args: readonly string[]): number {
  const result = spawnSync(forgeBinary(), [...args, '--offline'], { cwd: contractsDir, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(forge(process.argv.slice(2)));
