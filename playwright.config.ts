import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium: `npx playwright install` cannot download browsers on these machines.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            // Without these Chromium keeps calling Google services the closed network cannot reach.
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            // Fortify (and the test token server) serve a self-signed certificate for 127.0.0.1.
            '--ignore-certificate-errors',
          ],
        },
      },
    },
  ],
});
