import { catalogues, type MessageKey } from '@/i18n';

type Translate = (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string;

const demoMemberKeys = (Object.keys(catalogues.en) as MessageKey[]).filter((key) => key.startsWith('devMember.'));

/**
 * A member authority's name as the ledger records it, translated when it is one of the names the embedded
 * network seeds (scripts/dev/accounts.ts, in English); a real authority's own name is shown as recorded.
 */
export function memberName(t: Translate, recorded: string): string {
  const key = demoMemberKeys.find((k) => catalogues.en[k] === recorded);
  return key ? t(key) : recorded;
}

/** A development account's label ("BR signer (#3)") in the person's language. */
export function developmentAccountLabel(t: Translate, account: { readonly index: number; readonly role: 'authority' | 'signer'; readonly country: string }): string {
  return t(`devAccount.${account.role}`, { country: account.country, index: account.index });
}
