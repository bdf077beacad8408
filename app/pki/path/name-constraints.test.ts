import { describe, expect, it } from 'vitest';
import { der } from '../__fixtures__/generate';
import type { GeneralSubtree, NameConstraints } from '../x509/extensions';
import type { GeneralName } from '../x509/general-name';
import { parseName } from '../x509/name';
import { checkConstraintSyntax, checkNameConstraints } from './name-constraints';

const subtree = (base: GeneralName): GeneralSubtree => ({ base, minimum: 0, maximum: undefined });
const verdict = (name: GeneralName, constraints: NameConstraints) => checkNameConstraints([name], [constraints], { remaining: 1000 })?.code ?? 'ok';
const dn = (...rdns: [string, string][]) => parseName(der.seq(...rdns.map(([oid, v]) => der.set(der.seq(der.oid(oid), der.utf8(v))))));

describe('name constraints', () => {
  it('DNS: a subtree covers the name and its subdomains; wildcards may not reach into an excluded subtree', () => {
    const permitted = { permitted: [subtree({ type: 'dns', value: 'example.com' })], excluded: undefined };
    expect(verdict({ type: 'dns', value: 'a.b.EXAMPLE.com' }, permitted)).toBe('ok');
    expect(verdict({ type: 'dns', value: 'badexample.com' }, permitted)).toBe('nameConstraintsViolated');
    const excluded = { permitted: undefined, excluded: [subtree({ type: 'dns', value: 'bar.example.com' })] };
    expect(verdict({ type: 'dns', value: '*.example.com' }, excluded)).toBe('nameConstraintsViolated');
    expect(verdict({ type: 'dns', value: 'foo.example.com' }, excluded)).toBe('ok');
  });

  it('IP: address and mask, IPv4 and IPv6 kept apart', () => {
    const net = { permitted: [subtree({ type: 'ip', bytes: new Uint8Array([192, 0, 2, 0, 255, 255, 255, 0]) })], excluded: undefined };
    expect(verdict({ type: 'ip', bytes: new Uint8Array([192, 0, 2, 77]) }, net)).toBe('ok');
    expect(verdict({ type: 'ip', bytes: new Uint8Array([192, 0, 3, 1]) }, net)).toBe('nameConstraintsViolated');
    expect(verdict({ type: 'ip', bytes: new Uint8Array(16) }, net)).toBe('nameConstraintsViolated');
  });

  it('email: mailbox, host and domain forms', () => {
    const c = (value: string) => ({ permitted: [subtree({ type: 'email', value })], excluded: undefined });
    expect(verdict({ type: 'email', value: 'Ana@Example.com' }, c('Ana@example.com'))).toBe('ok');
    expect(verdict({ type: 'email', value: 'ana@example.com' }, c('Ana@example.com'))).toBe('nameConstraintsViolated');
    expect(verdict({ type: 'email', value: 'ana@example.com' }, c('example.com'))).toBe('ok');
    expect(verdict({ type: 'email', value: 'ana@mail.example.com' }, c('example.com'))).toBe('nameConstraintsViolated');
    expect(verdict({ type: 'email', value: 'ana@mail.example.com' }, c('.example.com'))).toBe('ok');
  });

  it('URI: host exact, or any subdomain with a leading period', () => {
    const exact = { permitted: [subtree({ type: 'uri', value: 'gov.br' })], excluded: undefined };
    expect(verdict({ type: 'uri', value: 'https://gov.br/x' }, exact)).toBe('ok');
    expect(verdict({ type: 'uri', value: 'https://www.gov.br/x' }, exact)).toBe('nameConstraintsViolated');
    const domain = { permitted: [subtree({ type: 'uri', value: '.gov.br' })], excluded: undefined };
    expect(verdict({ type: 'uri', value: 'https://user@www.gov.br:8443/x' }, domain)).toBe('ok');
    expect(verdict({ type: 'uri', value: 'urn:isbn:123' }, domain)).toBe('nameConstraintsViolated');
  });

  it('directoryName: the subject must start with the constraint RDNs', () => {
    const base = dn(['2.5.4.6', 'BR'], ['2.5.4.10', 'ICP-Brasil']);
    const c = { permitted: [subtree({ type: 'directoryName', name: base })], excluded: undefined };
    expect(verdict({ type: 'directoryName', name: dn(['2.5.4.6', 'BR'], ['2.5.4.10', 'icp-brasil'], ['2.5.4.3', 'Fulano']) }, c)).toBe('ok');
    expect(verdict({ type: 'directoryName', name: dn(['2.5.4.6', 'CN'], ['2.5.4.10', 'ICP-Brasil']) }, c)).toBe('nameConstraintsViolated');
  });

  it('refuses malformed constraints and bounds the comparisons', () => {
    expect(checkConstraintSyntax({ permitted: [subtree({ type: 'dns', value: '*.example.com' })], excluded: undefined })).toMatch(/malformed/);
    expect(checkConstraintSyntax({ permitted: [subtree({ type: 'ip', bytes: new Uint8Array([10, 0, 0, 0, 255, 0, 255, 0]) })], excluded: undefined })).toMatch(/contiguous/);
    const names: GeneralName[] = Array.from({ length: 50 }, (_, i) => ({ type: 'dns', value: `n${i}.example.com` }));
    const many = { permitted: Array.from({ length: 50 }, (_, i) => subtree({ type: 'dns', value: `c${i}.example.com` })), excluded: undefined };
    expect(checkNameConstraints(names, [many], { remaining: 1000 })?.code).toBe('nameConstraintsTooComplex');
  });
  it('names the directory name a directoryName constraint refuses', () => {
    const permitted = { permitted: [subtree({ type: 'directoryName', name: dn(['2.5.4.6', 'BR'], ['2.5.4.10', 'ICP-Brasil']) })], excluded: undefined };
    const outside = dn(['2.5.4.6', 'CN'], ['2.5.4.10', 'CFCA']);
    const problem = checkNameConstraints([{ type: 'directoryName', name: outside }], [permitted], { remaining: 1000 });
    expect(problem?.code).toBe('nameConstraintsViolated');
    expect(problem?.message).toBe('directory name "O=CFCA, C=CN" is outside the permitted subtrees');
  });
});
