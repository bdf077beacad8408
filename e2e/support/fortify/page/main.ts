// The e2e page: exposes the app's Fortify module so Playwright drives the real client through it.
import * as fortify from '@/signers/fortify';

declare global {
  interface Window {
    fortify: typeof fortify;
  }
}

window.fortify = fortify;
document.documentElement.dataset.ready = 'true';
