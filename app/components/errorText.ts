import { BaseError, type MessageValues } from '@/errors';

type Translate = (key: string, values?: MessageValues) => string;

/**
 * The sentence for an error: every error of the app descends from BaseError and names its own sentence
 * (what happened, what to do); anything else is a fault we did not foresee, and says so rather than
 * blaming the ledger.
 */
export function errorText(error: unknown, t: Translate): string {
  return error instanceof BaseError ? t(error.messageKey, error.params) : t('error.unknown');
}
