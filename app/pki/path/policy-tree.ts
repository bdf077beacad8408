/**
 * The certificate policy processing of RFC 5280 6.1.2 (a), 6.1.3 (d)-(f), 6.1.4 (a)-(b), (h)-(j)
 * and 6.1.5 (g): the valid_policy_tree, with a node budget so crafted mappings cannot explode it.
 */
import type { Certificate } from '../x509/certificate';
import { Oid } from '../oids';

const ANY = Oid.anyPolicy;

type PolicyNode = {
  readonly validPolicy: string;
  expectedPolicySet: Set<string>;
  readonly parent: PolicyNode | undefined;
  readonly children: PolicyNode[];
};

export type PolicyInputs = {
  readonly initialPolicySet: readonly string[];
  readonly initialExplicitPolicy: boolean;
  readonly initialPolicyMappingInhibit: boolean;
  readonly initialAnyPolicyInhibit: boolean;
};

export class PolicyTreeTooComplex extends Error {}

/** Policy state across a path of `pathLength` certificates (the anchor excluded). */
export class PolicyState {
  private levels: PolicyNode[][] | undefined;
  private nodeCount = 1;
  explicitPolicy: number;
  inhibitAnyPolicy: number;
  policyMapping: number;

  constructor(
    private readonly pathLength: number,
    private readonly inputs: PolicyInputs,
    private readonly maxNodes: number,
  ) {
    this.levels = [[{ validPolicy: ANY, expectedPolicySet: new Set([ANY]), parent: undefined, children: [] }]];
    this.explicitPolicy = inputs.initialExplicitPolicy ? 0 : pathLength + 1;
    this.inhibitAnyPolicy = inputs.initialAnyPolicyInhibit ? 0 : pathLength + 1;
    this.policyMapping = inputs.initialPolicyMappingInhibit ? 0 : pathLength + 1;
  }

  private add(parent: PolicyNode, validPolicy: string, expected: Iterable<string>, level: PolicyNode[]): void {
    if (++this.nodeCount > this.maxNodes) throw new PolicyTreeTooComplex('the certificate policy tree grew too large');
    const node: PolicyNode = { validPolicy, expectedPolicySet: new Set(expected), parent, children: [] };
    parent.children.push(node);
    level.push(node);
  }

  private prune(): void {
    if (!this.levels) return;
    for (let depth = this.levels.length - 2; depth >= 0; depth--) {
      const level = this.levels[depth] as PolicyNode[];
      const kept = level.filter((node) => node.children.length > 0);
      if (kept.length !== level.length) {
        this.levels[depth] = kept;
        for (const node of level) if (node.children.length === 0 && node.parent) node.parent.children.splice(node.parent.children.indexOf(node), 1);
      }
    }
    if ((this.levels[0] as PolicyNode[]).length === 0) this.levels = undefined;
  }

  /** 6.1.3 (d)-(f) for certificate number i (1-based). Returns false when (f) fails. */
  processCertificate(certificate: Certificate, i: number): boolean {
    const policies = certificate.certificatePolicies;
    if (this.levels && policies) {
      const previous = this.levels[i - 1] as PolicyNode[];
      const level: PolicyNode[] = [];
      this.levels.push(level);
      let anyQualifiers = false;
      for (const { policyIdentifier: p } of policies) {
        if (p === ANY) {
          anyQualifiers = true;
          continue;
        }
        const matches = previous.filter((node) => node.expectedPolicySet.has(p));
        if (matches.length > 0) for (const node of matches) this.add(node, p, [p], level);
        else for (const node of previous) if (node.validPolicy === ANY) this.add(node, p, [p], level);
      }
      if (anyQualifiers && (this.inhibitAnyPolicy > 0 || (i < this.pathLength && certificate.selfIssued))) {
        for (const node of previous) {
          const present = new Set(node.children.map((child) => child.validPolicy));
          for (const expected of node.expectedPolicySet) if (!present.has(expected)) this.add(node, expected, [expected], level);
        }
      }
      this.prune();
    } else this.levels = undefined;
    // No policies at all: an empty tree below the root, RFC 5280 (e).
    if (this.levels && this.levels.length <= i) this.levels = undefined;
    return this.explicitPolicy > 0 || this.levels !== undefined;
  }

  /** 6.1.4 (a)-(b): returns an error message when the mappings are invalid. */
  processMappings(certificate: Certificate, i: number): string | undefined {
    const mappings = certificate.policyMappings;
    if (!mappings) return undefined;
    const byIssuer = new Map<string, string[]>();
    for (const { issuerDomainPolicy, subjectDomainPolicy } of mappings) {
      if (issuerDomainPolicy === ANY || subjectDomainPolicy === ANY) return 'policy mappings must not map anyPolicy';
      const list = byIssuer.get(issuerDomainPolicy) ?? [];
      list.push(subjectDomainPolicy);
      byIssuer.set(issuerDomainPolicy, list);
    }
    if (!this.levels) return undefined;
    const level = this.levels[i] as PolicyNode[];
    for (const [issuerPolicy, subjectPolicies] of byIssuer) {
      const nodes = level.filter((node) => node.validPolicy === issuerPolicy);
      if (this.policyMapping > 0) {
        if (nodes.length > 0) for (const node of nodes) node.expectedPolicySet = new Set(subjectPolicies);
        else {
          const any = level.find((node) => node.validPolicy === ANY);
          if (any && any.parent) this.add(any.parent, issuerPolicy, subjectPolicies, level);
        }
      } else if (nodes.length > 0) {
        for (const node of nodes) {
          node.parent?.children.splice(node.parent.children.indexOf(node), 1);
          level.splice(level.indexOf(node), 1);
        }
        this.prune();
      }
    }
    return undefined;
  }

  /** 6.1.4 (h)-(j) for an intermediate certificate. */
  updateCounters(certificate: Certificate): void {
    if (!certificate.selfIssued) {
      if (this.explicitPolicy > 0) this.explicitPolicy--;
      if (this.policyMapping > 0) this.policyMapping--;
      if (this.inhibitAnyPolicy > 0) this.inhibitAnyPolicy--;
    }
    const constraints = certificate.policyConstraints;
    if (constraints?.requireExplicitPolicy !== undefined) this.explicitPolicy = Math.min(this.explicitPolicy, constraints.requireExplicitPolicy);
    if (constraints?.inhibitPolicyMapping !== undefined) this.policyMapping = Math.min(this.policyMapping, constraints.inhibitPolicyMapping);
    if (certificate.inhibitAnyPolicy !== undefined) this.inhibitAnyPolicy = Math.min(this.inhibitAnyPolicy, certificate.inhibitAnyPolicy);
  }

  /** 6.1.5 (a), (b), (g): the user-constrained policy set, or undefined when the path fails policy. */
  wrapUp(target: Certificate): { valid: boolean; policies: string[] } {
    if (this.explicitPolicy > 0) this.explicitPolicy--;
    if (target.policyConstraints?.requireExplicitPolicy === 0) this.explicitPolicy = 0;
    const initial = new Set(this.inputs.initialPolicySet);
    if (this.levels && !initial.has(ANY)) {
      const leafDepth = this.levels.length - 1;
      // valid_policy_node_set: nodes whose ancestors are all anyPolicy.
      const nodeSet: PolicyNode[] = [];
      const visit = (node: PolicyNode): void => {
        for (const child of node.children) {
          nodeSet.push(child);
          if (child.validPolicy === ANY) visit(child);
        }
      };
      visit((this.levels[0] as PolicyNode[])[0] as PolicyNode);
      for (const node of nodeSet)
        if (node.validPolicy !== ANY && !initial.has(node.validPolicy)) this.removeSubtree(node);
      const leafLevel = this.levels[leafDepth] as PolicyNode[];
      const anyLeaf = leafLevel.find((node) => node.validPolicy === ANY);
      if (anyLeaf && anyLeaf.parent) {
        // RFC 5280 6.1.5 (g)(iii)(3): policies already named anywhere in the valid_policy_node_set.
        const present = new Set(nodeSet.filter((node) => node.validPolicy !== ANY && this.levels?.some((level) => level.includes(node))).map((node) => node.validPolicy));
        for (const policy of initial) if (!present.has(policy)) this.add(anyLeaf.parent, policy, [policy], leafLevel);
        this.removeSubtree(anyLeaf);
      }
      this.prune();
      if (this.levels && this.levels.length <= leafDepth) this.levels = undefined;
    }
    const policies = this.levels ? [...new Set((this.levels[this.levels.length - 1] as PolicyNode[]).map((node) => node.validPolicy))] : [];
    return { valid: this.explicitPolicy > 0 || this.levels !== undefined, policies };
  }

  private removeSubtree(node: PolicyNode): void {
    if (!this.levels) return;
    const stack = [node];
    while (stack.length > 0) {
      const current = stack.pop() as PolicyNode;
      stack.push(...current.children);
      for (const level of this.levels) {
        const index = level.indexOf(current);
        if (index >= 0) level.splice(index, 1);
      }
    }
    node.parent?.children.splice(node.parent.children.indexOf(node), 1);
  }
}
