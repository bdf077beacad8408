import type { AbiParameter, Address, TypedData, TypedDataDefinition } from 'viem';

/** Where a registry's EIP-712 signatures bind: its ledger and its address. */
export type Eip712Target = {
  readonly chainId: number;
  /** The registry that hashes the typed data. */
  readonly verifyingContract: Address;
};

/** A registry's EIP-712 domain name and version (its constructor's `EIP712(...)`). */
export type Eip712Name = { readonly name: string; readonly version: string };

/** Typed data under a registry's domain, every domain field set: what the registries hash. */
export type RegistryTypedData<types extends TypedData, primaryType extends keyof types & string> = TypedDataDefinition<types, primaryType> & {
  readonly domain: Eip712Name & Eip712Target;
};

/** The registry's domain at `target`. */
export function _eip712Domain(name: Eip712Name, target: Eip712Target): Eip712Name & Eip712Target {
  return { name: name.name, version: name.version, chainId: target.chainId, verifyingContract: target.verifyingContract };
}

type Eip712Fields<components extends readonly AbiParameter[]> = {
  readonly [i in keyof components]: { readonly name: NonNullable<components[i]['name']>; readonly type: components[i]['type'] };
};

/**
 * A Solidity struct's fields, from the ABI, as EIP-712 type fields: a registry hashes such a struct
 * field for field, so its EIP-712 type is the struct as the compiler wrote it, not a second list.
 */
export function _eip712Fields<const components extends readonly AbiParameter[]>(components: components): Eip712Fields<components> {
  // map keeps the tuple's order and length; TypeScript types it as an array.
  return components.map(({ name, type }) => ({ name: name ?? '', type })) as Eip712Fields<components>;
}

