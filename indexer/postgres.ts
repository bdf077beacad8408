// A throw-away PostgreSQL server (Debian's `postgresql` package) for the indexer's test: its own
// cluster in a temporary folder, on a free port, removed on stop. PostgreSQL refuses to run as root,
// so under root (CI) the cluster belongs to the `postgres` system user the package creates and the
// server runs as that user (runuser).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../scripts/dev/anvil.ts';

export type Postgres = { readonly url: string; stop(): Promise<void> };

/** The folder of initdb and pg_ctl: PATH, else Debian's /usr/lib/postgresql/<version>/bin. */
function binDir(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir && existsSync(path.join(dir, 'pg_ctl'))) return dir;
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  if (!version) throw new Error('PostgreSQL is not installed: apt-get install postgresql');
  return path.join(root, version, 'bin');
}

export async function startPostgres(): Promise<Postgres> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'indexer-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    execFileSync('chown', ['postgres:postgres', dir]);
    chmodSync(dir, 0o755);
  }
  const run = (tool: string, args: readonly string[]) =>
    execFileSync(asRoot ? 'runuser' : path.join(bin, tool), asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : [...args], {
      stdio: 'pipe',
      cwd: dir,
    });
  run('initdb', ['-D', data, '-U', 'indexer', '--auth=trust', '--encoding=UTF8', '--no-sync']);
  // Socket in the cluster folder: /var/run/postgresql may not exist or belong to another server.
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  return {
    url: `postgresql://indexer@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
