/**
 * A Fortify-compatible token server for tests: what the Fortify desktop app offers a web page on
 * https://127.0.0.1:31337 (discovery, 2key-ratchet session, webcrypto-local actions), serving
 * certificates and keys held in memory or on a SoftHSM2 token. The real Fortify client and web
 * component talk to it unchanged.
 *
 *   const server = await startFortifyServer({
 *     tokens: [{ name: 'My token', certificates: [leafDer, caDer], keys: [{ certIndex: 0, privateKey }] }],
 *     approval: ({ pin }) => pin === pinShownByThePage, // default: approve every site
 *   });
 *   server.removeToken(server.tokenIds[0]);             // pulls the token out
 *   await server.close();
 *
 * Browsers must accept its self-signed certificate (Chromium: --ignore-certificate-errors).
 */
// @peculiar/x509 2 needs a Reflect metadata polyfill before it loads (its tsyringe dependency checks).
import 'reflect-metadata';
export { startFortifyServer } from './server.ts';
export type { FortifyApproval, FortifyServer, StartFortifyServerParameters } from './server.ts';
export { createFortifyToken } from './token.ts';
export type { FortifyToken, FortifyTokenKeyOptions, FortifyTokenOptions } from './token.ts';
export { FortifyErrorCode, FortifyServerError } from './errors.ts';
export { createSoftHsm, openPkcs11Token, SOFTHSM_LIBRARY } from './softhsm.ts';
export type { OpenPkcs11TokenParameters, Pkcs11Token, SoftHsm, SoftHsmTokenParameters } from './softhsm.ts';
export { createTestTokenPki } from './test-pki.ts';
export type { TestIdentity, TestTokenPki } from './test-pki.ts';
