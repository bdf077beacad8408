import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const appDir = resolve(here, '../../../app');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

export interface FortifyTestPage {
  /** http://127.0.0.1:<port>/ */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Builds the e2e page (app/signers/fortify and the Fortify client as the app bundles them) with
 * Vite and serves it on 127.0.0.1, a local origin like the embedded app's.
 */
export async function startFortifyTestPage(): Promise<FortifyTestPage> {
  const outDir = await mkdtemp(join(tmpdir(), 'fortify-page-'));
  await build({
    configFile: false,
    root: join(here, 'page'),
    logLevel: 'error',
    resolve: { alias: { '@': appDir } },
    build: { outDir, emptyOutDir: true, target: 'es2022', minify: false, reportCompressedSize: false },
  });
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = normalize(join(outDir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(outDir)) {
      response.statusCode = 403;
      response.end();
      return;
    }
    readFile(file)
      .then((body) => {
        response.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
        response.end(body);
      })
      .catch(() => {
        response.statusCode = 404;
        response.end();
      });
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
