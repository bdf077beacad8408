import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      include: ['app/**/*.test.ts', 'app/**/*.test.tsx', 'scripts/**/*.test.ts', 'relay/**/*.test.ts', 'relayer/**/*.test.ts', 'indexer/**/*.test.ts'],
      environment: 'node',
      globalSetup: ['./scripts/test/anvil-global-setup.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  }),
);
