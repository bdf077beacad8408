import { defineConfig } from '@playwright/test';

// Debian's Chromium (apt-get install chromium): Playwright cannot download its own browser here.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium';

// The production build is served on this port by e2e/support/global-setup.ts. Workers inherit the
// environment of the main process, so a port chosen here is the same everywhere in one run.
process.env.E2E_PORT ??= String(20000 + (process.pid % 20000));

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/support/global-setup.ts',
  fullyParallel: false,
  // The Fortify-compatible token server binds the fixed port 127.0.0.1:31337.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${process.env.E2E_PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Fortify (and the test token server) serve a self-signed certificate for 127.0.0.1.
        '--ignore-certificate-errors',
      ],
    },
  },
});
