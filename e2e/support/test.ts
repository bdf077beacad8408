import { test as base } from '@playwright/test';

/**
 * Playwright's `test`, closing after each test the browser contexts it opened with `browser.newContext()`
 * (one per person in the multi-party stories). The `browser` is shared by every spec of the worker, and
 * an open context keeps its app running (block polling, workers): left open, every later test ran beside
 * the pages of all the earlier ones.
 */
export const test = base.extend<{ closeOpenedContexts: void }>({
  closeOpenedContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      await Promise.all(browser.contexts().filter((context) => !before.has(context)).map((context) => context.close()));
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
