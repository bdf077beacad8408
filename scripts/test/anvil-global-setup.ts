// Vitest global setup: one real anvil node for the tests of app/ledger and scripts/.
import type { TestProject } from 'vitest/node';
import { startAnvil, type Anvil } from '../dev/anvil.ts';

let anvil: Anvil | undefined;

export async function setup(project: TestProject) {
  anvil = await startAnvil({ chainId: 31337, port: 0 });
  project.provide('anvilRpcUrl', anvil.rpcUrl);
}

export async function teardown() {
  await anvil?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    anvilRpcUrl: string;
  }
}
