import { describe, expect, it } from 'vitest';
import { translate, type Locale } from '@/i18n';
import { developmentAccountLabel, memberName } from './labels';

const tr = (locale: Locale) => (key: string, values?: Readonly<Record<string, string | number>>) => translate(locale, key, values);

describe('labels of the embedded network', () => {
  it('names the development accounts in each language (English as the wallet buttons always said)', () => {
    const signer = { index: 3, role: 'signer', country: 'BR' } as const;
    expect(developmentAccountLabel(tr('en'), signer)).toBe('BR signer (#3)');
    expect(developmentAccountLabel(tr('pt-BR'), signer)).toBe('Signatário BR (nº 3)');
    expect(developmentAccountLabel(tr('zh-CN'), { index: 2, role: 'authority', country: 'CN' })).toBe('CN 管理机构（#2）');
  });

  it('translates the seeded member names and shows any other name as the ledger records it', () => {
    expect(memberName(tr('pt-BR'), 'ICP-Brasil authority (demo)')).toBe('Autoridade da ICP-Brasil (demonstração)');
    expect(memberName(tr('zh-CN'), 'China national PKI authority (demo)')).toBe('中国国家 PKI 管理机构（演示）');
    expect(memberName(tr('pt-BR'), 'Instituto Nacional de Tecnologia da Informação')).toBe('Instituto Nacional de Tecnologia da Informação');
  });
});
