/**
 * `npm run relayer -- --config FILE`: runs the relayer alone (any machine that reaches both ledgers'
 * JSON-RPC and the source ledgers' sealers). It holds only a gas-paying key; the target contracts check
 * everything it carries. Stops on SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { privateKeyToAccount } from 'viem/accounts';
import { createRelayer, parsePrivateKey, parseRelayerConfig, RelayerConfigError } from './index.ts';
import { peeringBindings } from './bindings.ts';

function usage(message?: string): never {
  if (message) process.stderr.write(`relayer: ${message}\n`);
  process.stderr.write('usage: npm run relayer -- --config FILE   (key in RELAYER_PRIVATE_KEY or the file named by keyFile)\n');
  process.exit(2);
}

const { values } = parseArgs({ options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) usage();
if (!values.config) usage('--config FILE is required');
try {
  const file = values.config;
  const config = parseRelayerConfig(JSON.parse(readFileSync(file, 'utf8')));
  const keyText = config.keyFile ? readFileSync(path.resolve(path.dirname(file), config.keyFile), 'utf8') : process.env.RELAYER_PRIVATE_KEY;
  const relayer = createRelayer(config, { account: privateKeyToAccount(parsePrivateKey(keyText)), bindings: peeringBindings });
  relayer.start();
  process.stdout.write(`Relayer running: ${relayer.relays.map((r) => r.name).join(', ')}\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void relayer.stop().then(() => process.exit(0)));
} catch (error) {
  if (error instanceof RelayerConfigError || error instanceof SyntaxError) usage(`configuration: ${error.message}`);
  throw error;
}
