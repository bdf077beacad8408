/**
 * The relay's command line: `npm run relay -- [--config FILE]`. Reads the JSON configuration and the
 * environment (see relay/README.md), listens, and stops on SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { loadRelayConfig, RelayConfigError } from './config.ts';
import { createRelay, defaultAllowedOrigins } from './server.ts';

function usage(message?: string): never {
  if (message) process.stderr.write(`relay: ${message}\n`);
  process.stderr.write('usage: npm run relay -- [--config FILE]\n');
  process.exit(2);
}

const args = process.argv.slice(2);
let json: unknown = {};
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--config') {
    const file = args[++i];
    if (!file) usage('--config needs a file');
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      usage(`cannot read ${file}: ${(error as Error).message}`);
    }
  } else if (arg === '--help' || arg === '-h') usage();
  else usage(`unknown argument ${arg}`);
}

let config;
try {
  config = loadRelayConfig(json, process.env);
} catch (error) {
  if (error instanceof RelayConfigError) usage(`configuration: ${error.message}`);
  throw error;
}

const relay = createRelay(config);
const url = await relay.listen();
process.stdout.write(`Revocation relay on ${url} (origins: ${(config.allowedOrigins ?? defaultAllowedOrigins).join(', ')})\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void relay.close().then(() => process.exit(0));
  });
