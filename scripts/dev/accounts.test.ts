import { describe, expect, it } from 'vitest';
import { catalogues } from '@/i18n';
import { embeddedRoles } from './accounts.ts';

describe('embedded member names', () => {
  it('seeds each member authority with the English name the app translates (devMember.<country>)', () => {
    for (const role of embeddedRoles) {
      if (role.role !== 'member') continue;
      expect(catalogues.en[`devMember.${role.country}`]).toBe(role.name);
    }
  });
});
