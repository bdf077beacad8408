// The one error of `npm run deploy`, apart so the peering module (which npm start also loads) does not
// load the compiler deploy.ts needs.
export class DeployError extends Error {
  override name = 'DeployError';
}
