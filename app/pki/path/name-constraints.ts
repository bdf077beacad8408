/**
 * Name constraints (RFC 5280 4.2.1.10, 6.1.3 b-c). Instead of intersecting subtrees, the validator
 * keeps each CA's constraints and checks every name against all of them, which is equivalent and
 * cannot blow up; a comparison budget still bounds hostile inputs (thousands of names x constraints).
 */
import type { Certificate } from '../x509/certificate';
import type { GeneralSubtree, NameConstraints } from '../x509/extensions';
import type { GeneralName, GeneralNameType } from '../x509/general-name';
import { isValidDnsName, isValidEmail } from './host-names';
import { formatName, nameWithinSubtree, OID_EMAIL_ADDRESS } from '../x509/name';

const CHECKED_TYPES: ReadonlySet<GeneralNameType> = new Set(['dns', 'email', 'uri', 'ip', 'directoryName']);

export type NameConstraintFailure = { readonly code: 'nameConstraintsViolated' | 'nameConstraintsUnsupported' | 'nameConstraintsTooComplex'; readonly message: string };

/** A constraint that is not well-formed for its type; undefined when fine. */
export function checkConstraintSyntax(constraints: NameConstraints): string | undefined {
  for (const subtree of [...(constraints.permitted ?? []), ...(constraints.excluded ?? [])]) {
    const base = subtree.base;
    if (subtree.minimum !== 0 || subtree.maximum !== undefined) return 'minimum and maximum must be absent in name constraints';
    switch (base.type) {
      case 'dns':
        // RFC 5280 4.2.1.10 gives dNSName constraints no wildcard or leading-period syntax.
        if (base.value !== '' && !isValidDnsName(base.value, { allowWildcard: false })) return `malformed dNSName constraint "${base.value}"`;
        break;
      case 'ip': {
        if (base.bytes.length !== 8 && base.bytes.length !== 32) return 'iPAddress constraint must be an address and a mask (8 or 32 octets)';
        const mask = base.bytes.subarray(base.bytes.length / 2);
        let seenZero = false;
        for (const byte of mask)
          for (let bit = 7; bit >= 0; bit--) {
            const set = (byte >> bit) & 1;
            if (set && seenZero) return 'iPAddress constraint mask is not contiguous';
            if (!set) seenZero = true;
          }
        break;
      }
      case 'email': {
        const v = base.value;
        const ok = v.includes('@') ? isValidEmail(v) : isValidDnsName(v.startsWith('.') ? v.slice(1) : v, { allowWildcard: false });
        if (!ok) return `malformed rfc822Name constraint "${v}"`;
        break;
      }
      case 'uri': {
        const v = base.value;
        if (!isValidDnsName(v.startsWith('.') ? v.slice(1) : v, { allowWildcard: false })) return `malformed URI constraint "${v}"`;
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}

function lower(s: string): string {
  return s.toLowerCase().replace(/\.$/, '');
}

function dnsWithin(name: string, constraint: string): boolean {
  const n = lower(name);
  const c = lower(constraint);
  return c === '' || n === c || n.endsWith(`.${c}`);
}

/** A wildcard name could stand for a name in the constraint's subtree (CVE-2025-61727). */
function wildcardMayReach(name: string, constraint: string): boolean {
  if (!name.startsWith('*.')) return false;
  const base = lower(name.slice(2));
  const c = lower(constraint);
  const dot = c.indexOf('.');
  return dot > 0 && c.slice(dot + 1) === base;
}

function emailWithin(name: string, constraint: string): boolean {
  const at = name.lastIndexOf('@');
  const local = name.slice(0, at);
  const domain = lower(name.slice(at + 1));
  if (constraint.includes('@')) {
    const cat = constraint.lastIndexOf('@');
    return local === constraint.slice(0, cat) && domain === lower(constraint.slice(cat + 1));
  }
  if (constraint.startsWith('.')) return domain.endsWith(lower(constraint));
  return domain === lower(constraint);
}

function uriHost(uri: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(uri);
  return m && m[1] ? m[1] : undefined;
}

function ipWithin(address: Uint8Array, constraint: Uint8Array): boolean {
  const half = constraint.length / 2;
  if (address.length !== half) return false;
  for (let i = 0; i < half; i++) if ((((address[i] as number) ^ (constraint[i] as number)) & (constraint[half + i] as number)) !== 0) return false;
  return true;
}

/** Whether `name` lies in `subtree`; `forExclusion` widens wildcards to every name they could match. */
function within(name: GeneralName, subtree: GeneralSubtree, forExclusion: boolean): boolean {
  const base = subtree.base;
  if (name.type !== base.type) return false;
  switch (name.type) {
    case 'dns': {
      const c = (base as { value: string }).value;
      return dnsWithin(name.value, c) || (forExclusion && wildcardMayReach(name.value, c));
    }
    case 'email':
      return emailWithin(name.value, (base as { value: string }).value);
    case 'uri': {
      const host = uriHost(name.value);
      if (host === undefined) return forExclusion; // no host: cannot be shown to lie outside an excluded tree
      const c = (base as { value: string }).value;
      return c.startsWith('.') ? lower(host).endsWith(lower(c)) : lower(host) === lower(c);
    }
    case 'ip':
      return ipWithin(name.bytes, (base as { bytes: Uint8Array }).bytes);
    case 'directoryName':
      return nameWithinSubtree(name.name, (base as { name: typeof name.name }).name);
    default:
      return false;
  }
}

/** The names of a certificate that name constraints apply to. */
export function constrainedNames(certificate: Certificate): GeneralName[] {
  const names: GeneralName[] = [];
  if (!certificate.subject.isEmpty) names.push({ type: 'directoryName', name: certificate.subject });
  for (const rdn of certificate.subject.rdns)
    for (const attribute of rdn) if (attribute.type === OID_EMAIL_ADDRESS && attribute.text !== undefined) names.push({ type: 'email', value: attribute.text });
  if (certificate.subjectAltName) names.push(...certificate.subjectAltName);
  return names;
}

export type NameConstraintBudget = { remaining: number };

export function checkNameConstraints(names: readonly GeneralName[], constraintsList: readonly NameConstraints[], budget: NameConstraintBudget): NameConstraintFailure | undefined {
  for (const constraints of constraintsList) {
    const permitted = constraints.permitted ?? [];
    const excluded = constraints.excluded ?? [];
    budget.remaining -= names.length * (permitted.length + excluded.length);
    if (budget.remaining < 0) return { code: 'nameConstraintsTooComplex', message: 'too many names and name constraints to compare' };
    for (const name of names) {
      if (!CHECKED_TYPES.has(name.type)) {
        if ([...permitted, ...excluded].some((s) => s.base.type === name.type)) return { code: 'nameConstraintsUnsupported', message: `name constraints of type ${name.type} cannot be checked` };
        continue;
      }
      const hit = excluded.find((s) => within(name, s, true));
      if (hit) return { code: 'nameConstraintsViolated', message: `${describe(name)} is in an excluded subtree` };
      const sameType = permitted.filter((s) => s.base.type === name.type);
      if (sameType.length > 0 && !sameType.some((s) => within(name, s, false))) return { code: 'nameConstraintsViolated', message: `${describe(name)} is outside the permitted subtrees` };
    }
  }
  return undefined;
}

function describe(name: GeneralName): string {
  switch (name.type) {
    case 'dns':
    case 'email':
    case 'uri':
      return `${name.type} name "${name.value}"`;
    case 'ip':
      return `IP address ${Array.from(name.bytes).join('.')}`;
    case 'directoryName':
      return `directory name "${formatName(name.name)}"`;
    default:
      return name.type;
  }
}
