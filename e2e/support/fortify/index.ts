// @peculiar/x509 2 needs a Reflect metadata polyfill before it loads (its tsyringe dependency checks).
import 'reflect-metadata';
export { startFortifyServer } from './server.ts';
export type { FortifyApproval, FortifyServer, StartFortifyServerParameters } from './server.ts';
export { createFortifyToken } from './token.ts';
export type { FortifyToken, FortifyTokenKeyOptions, FortifyTokenOptions } from './token.ts';
export { FortifyErrorCode, FortifyServerError } from './errors.ts';
