import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

// The ledger node goes down and comes back. Everything the page asks the node goes through a switch
// on the page's RPC requests (anvil itself keeps running for the other specs): "up" passes the request
// on, "502" answers like a failing reverse proxy, "drop" refuses the connection.
const network = JSON.parse(readFileSync(process.env.PKI_NETWORK_FILE!, 'utf8')) as { rpcUrl: string };
const rpcUrl = new URL(network.rpcUrl).href;

type NodeState = 'up' | '502' | 'drop';

async function switchRpc(page: Page) {
  const node = { state: 'up' as NodeState };
  await page.route(
    (url) => url.href === rpcUrl,
    async (route) => {
      if (node.state === '502') return route.fulfill({ status: 502, contentType: 'text/plain', body: 'Bad Gateway', headers: { 'access-control-allow-origin': '*' } });
      if (node.state === 'drop') return route.abort('connectionrefused');
      return route.continue();
    },
  );
  return node;
}

const unavailable = 'The ledger node does not answer. Check that it is running (npm start) and try again.';

test('the page opened while the node is down says so in one sentence, and shows the data once it is back, without a reload', async ({ page }) => {
  const node = await switchRpc(page);
  node.state = 'drop';
  await page.goto('/#/trust-store');
  const members = page.getByTestId('member');
  await expect(page.getByRole('alert').first()).toHaveText(unavailable);
  // Every message on the page is that sentence (the banner and the section that could not load): no RPC dump.
  await expect(page.getByRole('alert').filter({ hasNotText: unavailable })).toHaveCount(0);
  await expect(members).toHaveCount(0);

  node.state = '502';
  await page.getByLabel('Language').selectOption('pt-BR');
  await expect(page.getByRole('alert').first()).toHaveText('O nó do ledger não responde. Verifique se ele está em execução (npm start) e tente novamente.');
  await page.getByLabel('Idioma').selectOption('en');
  await expect(page.getByRole('alert').first()).toHaveText(unavailable);

  node.state = 'up';
  await expect(members).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the node goes down while the page is open: the page says so, keeps what it showed, and clears the message once the node is back', async ({ page }) => {
  const node = await switchRpc(page);
  await page.goto('/#/trust-store');
  const members = page.getByTestId('member');
  await expect(members).toHaveCount(2);
  await expect(page.getByRole('alert')).toHaveCount(0);

  node.state = 'drop';
  await expect(page.getByRole('alert')).toHaveText(unavailable, { timeout: 30_000 });
  await expect(members).toHaveCount(2);

  node.state = 'up';
  await expect(page.getByRole('alert')).toHaveCount(0, { timeout: 30_000 });
  await expect(members).toHaveCount(2);
});
