import { BaseError } from '@/errors';

/** Build-time settings, validated once at start-up so a bad value fails loudly, not halfway through. */
export type AppEnvironment = {
  /** A WalletConnect Cloud project id: when set, WalletConnect is offered beside injected wallets. */
  readonly walletConnectProjectId: string | undefined;
};

/** A build-time setting is invalid: the operator fixes the build, so the sentence names the setting. */
export class EnvironmentError extends BaseError {
  override name = 'EnvironmentError';
  constructor(setting: string, details: string) {
    super(`The build setting ${setting} is invalid.`, { messageKey: 'error.environment', params: { setting }, details });
  }
}

export function parseEnvironment(env: Readonly<Record<string, string | boolean | undefined>>): AppEnvironment {
  const raw = env.VITE_WALLETCONNECT_PROJECT_ID;
  const projectId = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
  if (projectId !== undefined && !/^[0-9a-f]{32}$/i.test(projectId)) {
    throw new EnvironmentError('VITE_WALLETCONNECT_PROJECT_ID', 'it must be a 32-character WalletConnect Cloud project id');
  }
  return { walletConnectProjectId: projectId };
}

export const environment: AppEnvironment = parseEnvironment(import.meta.env);
