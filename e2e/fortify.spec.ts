// @peculiar/x509 2 needs the Reflect metadata polyfill before it loads.
import 'reflect-metadata';
import { expect, test, type Page } from '@playwright/test';
import { X509Certificate } from '@peculiar/x509';
import type * as FortifyModule from '@/signers/fortify';
import { startFortifyServer, type FortifyServer, type FortifyTokenOptions } from './support/fortify/index.ts';
import { startFortifyTestPage, type FortifyTestPage } from './support/fortify/page-server.ts';
import { createSoftHsm, openPkcs11Token } from './support/fortify/softhsm.ts';
import { createTestTokenPki, type TestTokenPki } from './support/fortify/test-pki.ts';

declare global {
  interface Window {
    fortify: typeof FortifyModule;
    connection?: FortifyModule.FortifyConnection;
    certificates?: FortifyModule.FortifyCertificate[];
    tokenChanges?: FortifyModule.FortifyTokenChange[];
    selection?: { certificateId: string; providerId: string; privateKeyId: string | undefined };
  }
  /** Defined on the page by `openPage`. */
  function signAndCatch(certificate: number, message: string): Promise<{ name: string; shortMessage: string } | undefined>;
}

// One token server on 127.0.0.1:31337 (the address the client hard-codes) serves all tests.
test.describe.configure({ mode: 'serial' });

let pki: TestTokenPki;
let server: FortifyServer;
let testPage: FortifyTestPage;
/** What the simulated user answers in Fortify's approval window, and the PINs Fortify showed. */
let userApproves = true;
/** When set, the simulated user takes their time: approval waits for this promise. */
let pendingApproval: Promise<boolean> | undefined;
/** When set, signatures pause on the token until `proceed` resolves. */
let signPause: { started: () => void; proceed: Promise<void> } | undefined;
const pinsShownByFortify: string[] = [];
let tokenOptions: FortifyTokenOptions;

const hex = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(new Uint8Array(bytes)).toString('hex');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

test.beforeAll(async () => {
  pki = await createTestTokenPki();
  tokenOptions = {
    name: 'Test token',
    certificates: [pki.ca.certificate.rawData, pki.rsa.certificate.rawData, pki.ec.certificate.rawData],
    keys: [
      { certIndex: 1, privateKey: pki.rsa.keys.privateKey },
      { certIndex: 2, privateKey: pki.ecPkcs8 },
    ],
  };
  server = await startServer();
  testPage = await startFortifyTestPage();
});

function startServer() {
  return startFortifyServer({
    tokens: [tokenOptions],
    approval: ({ pin }) => {
      pinsShownByFortify.push(pin);
      return pendingApproval ?? userApproves;
    },
    onSign: async () => {
      if (!signPause) return;
      signPause.started();
      await signPause.proceed;
    },
  });
}

test.afterAll(async () => {
  await testPage?.close();
  await server?.close();
});

test.beforeEach(async () => {
  userApproves = true;
  pendingApproval = undefined;
  signPause = undefined;
  pinsShownByFortify.length = 0;
  // A previous test may have pulled the token out.
  if (server.tokenIds.length === 0) await server.insertToken(tokenOptions);
});

async function openPage(page: Page) {
  await page.goto(testPage.url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  // Signs with one of the listed certificates and returns the error it fails with, if any.
  await page.evaluate(() => {
    Object.assign(globalThis, {
      signAndCatch: async (certificate: number, message: string) => {
        try {
          await window.certificates?.[certificate]?.sign(new TextEncoder().encode(message));
          return undefined;
        } catch (error) {
          const { name, shortMessage } = error as FortifyModule.FortifyError;
          return { name, shortMessage };
        }
      },
    });
  });
}

/** Connects with the app's module, lists the token's certificates and keeps them on `window`. */
async function connectAndList(page: Page, storage: 'indexeddb' | 'memory') {
  return page.evaluate(async (storage) => {
    const pins: string[] = [];
    const connection = await window.fortify.connectFortify({ onChallenge: (pin) => pins.push(pin), storage });
    window.connection = connection;
    window.tokenChanges = [];
    connection.onTokensChanged((change) => window.tokenChanges?.push(change));
    window.certificates = await connection.listCertificates();
    return {
      pins,
      version: connection.version,
      certificates: window.certificates.map((certificate) => ({
        provider: certificate.provider.name,
        certificateIndex: certificate.certificateIndex,
        privateKeyIndex: certificate.privateKeyIndex,
        keyAlgorithm: certificate.keyAlgorithm,
        der: btoa(String.fromCharCode(...certificate.der)),
      })),
    };
  }, storage);
}

test('signs with an RSA and a P-256 token key through the real Fortify client; Node verifies', async ({ page }) => {
  await openPage(page);
  const listed = await connectAndList(page, 'indexeddb');

  // The page showed the PIN Fortify showed the user, and the user approved it.
  expect(listed.pins).toHaveLength(1);
  expect(listed.pins[0]).toMatch(/^\d{6}$/);
  expect(pinsShownByFortify).toEqual(listed.pins);
  expect(listed.version).toBe('1.10.6');

  // Every certificate of the token, byte for byte; keys paired by CKA_ID; the CA has none.
  const ders = listed.certificates.map((certificate) => hex(fromBase64(certificate.der)));
  expect(ders).toEqual([pki.ca, pki.rsa, pki.ec].map((identity) => hex(identity.certificate.rawData)));
  expect(listed.certificates.map((certificate) => certificate.privateKeyIndex?.split('-')[0])).toEqual([
    undefined,
    'private',
    'private',
  ]);
  for (const certificate of listed.certificates.slice(1)) {
    expect(certificate.privateKeyIndex?.split('-')[2]).toBe(certificate.certificateIndex.split('-')[2]);
  }
  expect(listed.certificates[1]?.keyAlgorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' });
  expect(listed.certificates[2]?.keyAlgorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });

  const message = `transaction digest ${Date.now()}`;
  const signed = await page.evaluate(async (message) => {
    const data = new TextEncoder().encode(message);
    const [, rsa, ec] = window.certificates ?? [];
    if (!rsa || !ec) throw new Error('certificates missing');
    const encode = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
    return {
      rsa: encode(await rsa.sign(data)),
      ec: encode(await ec.sign(data)),
      chain: (await rsa.getChain()).map(encode),
    };
  }, message);

  const data = new TextEncoder().encode(message);
  const rsaKey = await new X509Certificate(pki.rsa.certificate.rawData).publicKey.export(
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    ['verify'],
  );
  expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', rsaKey, fromBase64(signed.rsa), data)).toBe(true);
  // ECDSA comes back raw r||s (64 bytes for P-256), which is what WebCrypto verifies.
  const ecSignature = fromBase64(signed.ec);
  expect(ecSignature).toHaveLength(64);
  const ecKey = await pki.ec.certificate.publicKey.export({ name: 'ECDSA', namedCurve: 'P-256' }, ['verify']);
  expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, ecKey, ecSignature, data)).toBe(true);
  // A signature over other data does not verify.
  expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, ecKey, ecSignature, new Uint8Array(data).reverse())).toBe(false);

  // The token's own path for the RSA leaf: leaf, then its CA.
  expect(signed.chain.map((der) => hex(fromBase64(der)))).toEqual([
    hex(pki.rsa.certificate.rawData),
    hex(pki.ca.certificate.rawData),
  ]);

  // The client kept its identity in IndexedDB: reconnecting needs no new approval.
  const again = await page.evaluate(async () => {
    window.connection?.close();
    const pins: string[] = [];
    const connection = await window.fortify.connectFortify({ onChallenge: (pin) => pins.push(pin) });
    const count = (await connection.listCertificates()).length;
    connection.close();
    return { pins, count };
  });
  expect(again).toEqual({ pins: [], count: 3 });
});

test('<peculiar-fortify-certificates> lists the token certificates and emits selectionSuccess', async ({ page }) => {
  await openPage(page);
  await page.evaluate(async () => {
    await window.fortify.loadFortifyCertificatesElement();
    const element = document.createElement('peculiar-fortify-certificates');
    element.addEventListener('selectionSuccess', (event) => {
      const { certificateId, providerId, privateKeyId } = (event as CustomEvent<NonNullable<Window['selection']>>).detail;
      window.selection = { certificateId, providerId, privateKeyId };
    });
    document.getElementById('root')?.append(element);
  });

  // The component shows end-entity certificates only (its `ca` filter is off by default).
  const items = page.locator('peculiar-fortify-certificates .certificates_list_item');
  await expect(items).toHaveCount(2, { timeout: 20_000 });
  await expect(items.filter({ hasText: 'Alice RSA' })).toHaveCount(1);
  await expect(items.filter({ hasText: 'Alice ECDSA' })).toHaveCount(1);
  expect(pinsShownByFortify).toHaveLength(1);

  await items.filter({ hasText: 'Alice RSA' }).click();
  await page.locator('peculiar-fortify-certificates').getByRole('button', { name: 'Continue' }).click();
  const selection = await page.waitForFunction(() => window.selection).then((handle) => handle.jsonValue());

  const rsaCkaId = hex(await pki.rsa.certificate.publicKey.getKeyIdentifier());
  expect(selection?.providerId).toBe(server.tokenIds[0]);
  expect(selection?.certificateId).toMatch(new RegExp(`^x509-[0-9a-f]+-${rsaCkaId}$`));
  expect(selection?.privateKeyId).toMatch(new RegExp(`^private-[0-9a-f]+-${rsaCkaId}$`));
});

test('a token inserted while connected is announced and listed', async ({ page }) => {
  await openPage(page);
  await connectAndList(page, 'memory');
  const secondId = await server.insertToken({
    name: 'Second token',
    certificates: [pki.ec.certificate.rawData],
    keys: [{ certIndex: 0, privateKey: pki.ecPkcs8 }],
  });
  try {
    await page.waitForFunction(() => (window.tokenChanges?.length ?? 0) > 0);
    const seen = await page.evaluate(async () => ({
      changes: window.tokenChanges,
      providers: (await window.connection?.listCertificates())?.map((certificate) => certificate.provider.name),
    }));
    expect(seen.changes).toEqual([{ added: [expect.objectContaining({ id: secondId, name: 'Second token' })], removed: [] }]);
    expect(seen.providers).toEqual(['Test token', 'Test token', 'Test token', 'Second token']);
  } finally {
    server.removeToken(secondId);
  }
});

test('pulling the token out mid-signing gives FortifyTokenRemovedError, then and afterwards', async ({ page }) => {
  await openPage(page);
  const listed = await connectAndList(page, 'memory');
  expect(listed.certificates).toHaveLength(3);
  const [tokenId] = server.tokenIds;
  if (!tokenId) throw new Error('no token inserted');

  // The signature starts on the token, which is pulled out before it completes.
  let proceed: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    signPause = { started: resolve, proceed: new Promise((resume) => (proceed = resume)) };
  });
  const signOutcome = page.evaluate(() => signAndCatch(1, 'pulled out mid-signing'));
  await started;
  server.removeToken(tokenId);
  proceed();
  const removedMessage = 'The smart card or token was removed. Insert it again and retry.';
  expect(await signOutcome).toEqual({ name: 'FortifyTokenRemovedError', shortMessage: removedMessage });

  // Later attempts fail at once with the same error, and the page was told about the removal.
  signPause = undefined;
  expect(await page.evaluate(() => signAndCatch(2, 'after removal'))).toEqual({
    name: 'FortifyTokenRemovedError',
    shortMessage: removedMessage,
  });
  const changes = await page.evaluate(() => window.tokenChanges);
  expect(changes).toEqual([{ added: [], removed: [expect.objectContaining({ id: tokenId })] }]);
});

test('a site the user does not approve gets FortifyNotApprovedError after showing the PIN', async ({ page }) => {
  userApproves = false;
  await openPage(page);
  const outcome = await page.evaluate(async () => {
    const pins: string[] = [];
    try {
      await window.fortify.connectFortify({ onChallenge: (pin) => pins.push(pin), storage: 'memory' });
      return { pins, error: undefined };
    } catch (error) {
      return { pins, error: (error as Error).name };
    }
  });
  expect(outcome.error).toBe('FortifyNotApprovedError');
  expect(outcome.pins).toEqual(pinsShownByFortify);
  expect(outcome.pins).toHaveLength(1);
});

test('cancelling while Fortify waits for approval gives FortifyUserCancelledError', async ({ page }) => {
  let answer: (approved: boolean) => void = () => undefined;
  pendingApproval = new Promise((resolve) => (answer = resolve));
  try {
    await openPage(page);
    const outcome = await page.evaluate(async () => {
      const controller = new AbortController();
      const pins: string[] = [];
      try {
        await window.fortify.connectFortify({
          storage: 'memory',
          signal: controller.signal,
          // The user sees the PIN, then presses Cancel on the page instead of approving in Fortify.
          onChallenge: (pin) => {
            pins.push(pin);
            setTimeout(() => controller.abort(), 200);
          },
        });
        return { pins, error: undefined };
      } catch (error) {
        return { pins, error: (error as Error).name };
      }
    });
    expect(outcome.error).toBe('FortifyUserCancelledError');
    expect(outcome.pins).toEqual(pinsShownByFortify);
  } finally {
    answer(false);
  }
});

test('signs with RSA and P-256 keys held in a SoftHSM2 token (PKCS#11 through node-webcrypto-p11)', async ({ page }) => {
  const hsm = await createSoftHsm();
  let tokenId: string | undefined;
  let token: Awaited<ReturnType<typeof openPkcs11Token>> | undefined;
  try {
    await hsm.createToken({
      label: 'SoftHSM token',
      pin: '4321',
      certificates: [pki.rsa.certificate.rawData, pki.ec.certificate.rawData],
      keys: [
        { certIndex: 0, pkcs8: pki.rsaPkcs8 },
        { certIndex: 1, pkcs8: pki.ecPkcs8 },
      ],
    });
    token = await openPkcs11Token({ library: hsm.library, label: 'SoftHSM token', pin: '4321' });
    tokenId = await server.insertToken(token);

    await openPage(page);
    const message = `signed on a PKCS#11 token ${Date.now()}`;
    const result = await page.evaluate(
      async ({ tokenId, message }) => {
        const connection = await window.fortify.connectFortify({ storage: 'memory' });
        const certificates = await connection.listCertificates({ providerId: tokenId });
        const data = new TextEncoder().encode(message);
        const encode = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
        const signed = [];
        for (const certificate of certificates) {
          signed.push({
            certificateIndex: certificate.certificateIndex,
            privateKeyIndex: certificate.privateKeyIndex,
            keyAlgorithm: certificate.keyAlgorithm,
            der: encode(certificate.der),
            signature: encode(await certificate.sign(data)),
          });
        }
        connection.close();
        return signed;
      },
      { tokenId, message },
    );

    // node-webcrypto-p11's own indexes, handles of real PKCS#11 objects, in the token's (unspecified) order.
    expect(result.map((entry) => entry.certificateIndex.split('-')[0])).toEqual(['x509', 'x509']);
    expect(result.map((entry) => hex(fromBase64(entry.der))).sort()).toEqual(
      [pki.rsa, pki.ec].map((identity) => hex(identity.certificate.rawData)).sort(),
    );
    for (const entry of result) {
      expect(entry.privateKeyIndex?.split('-')[2]).toBe(entry.certificateIndex.split('-')[2]);
    }
    const data = new TextEncoder().encode(message);
    const find = (der: ArrayBuffer) => result.find((entry) => hex(fromBase64(entry.der)) === hex(der));
    const rsa = find(pki.rsa.certificate.rawData);
    const ec = find(pki.ec.certificate.rawData);
    expect(rsa?.keyAlgorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' });
    const rsaKey = await pki.rsa.certificate.publicKey.export({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, ['verify']);
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', rsaKey, fromBase64(rsa?.signature ?? ''), data)).toBe(true);
    const ecSignature = fromBase64(ec?.signature ?? '');
    expect(ecSignature).toHaveLength(64);
    const ecKey = await pki.ec.certificate.publicKey.export({ name: 'ECDSA', namedCurve: 'P-256' }, ['verify']);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, ecKey, ecSignature, data)).toBe(true);
  } finally {
    if (tokenId) server.removeToken(tokenId);
    token?.close();
    await hsm.close();
  }
});

test('detectFortify and connectFortify report Fortify not running on an unused port', async ({ page }) => {
  await openPage(page);
  const outcome = await page.evaluate(async () => {
    const running = await window.fortify.detectFortify();
    const absent = await window.fortify.detectFortify({ address: '127.0.0.1:9' });
    let error: string | undefined;
    try {
      await window.fortify.connectFortify({ address: '127.0.0.1:9', storage: 'memory' });
    } catch (caught) {
      error = (caught as Error).name;
    }
    return { running, absent, error };
  });
  expect(outcome.running).toEqual({ running: true, version: '1.10.6' });
  expect(outcome.absent).toEqual({ running: false, reason: 'unreachable' });
  expect(outcome.error).toBe('FortifyNotRunningError');
});

test('Fortify quitting while connected gives FortifyConnectionClosedError', async ({ page }) => {
  await openPage(page);
  await connectAndList(page, 'memory');
  await server.close();
  try {
    await page.waitForFunction(() => window.connection?.closed === true);
    expect(await page.evaluate(() => signAndCatch(1, 'after Fortify quit'))).toEqual({
      name: 'FortifyConnectionClosedError',
      shortMessage: 'The connection to Fortify was closed. Check that Fortify is running and connect again.',
    });
  } finally {
    server = await startServer();
  }
});
