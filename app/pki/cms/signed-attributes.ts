/**
 * Reading signed attributes back from their DER with the engine's strict reader (no pkijs): what a
 * recorded signature (verifyParty.ts) and the contracts check.
 */
import { Asn1Error, type DerNode, expectSequence, isContext, isUniversal, parseDer, readOctetString, readOid, UniversalTag } from '../der/asn1';
import { CMS_OIDS } from '../oids';

/** Signed attributes read back from their DER (the SET OF Attribute that was signed), by attribute type OID. */
export type SignedAttributes = ReadonlyMap<string, readonly DerNode[]>;

/** Reads the DER of signed attributes (tag SET, or [0] IMPLICIT as inside a SignerInfo) with the strict reader. */
export function readSignedAttributes(signedAttributesDer: Uint8Array): SignedAttributes {
  const root = parseDer(signedAttributesDer);
  if (!(isUniversal(root, UniversalTag.Set) || isContext(root, 0)) || !root.constructed) throw new Asn1Error('signed attributes: expected a SET OF Attribute');
  const attributes = new Map<string, readonly DerNode[]>();
  for (const attribute of root.children) {
    const [type, values] = expectSequence(attribute, 'Attribute');
    const oid = readOid(type, 'Attribute.attrType');
    if (!values || !isUniversal(values, UniversalTag.Set) || values.children.length === 0) throw new Asn1Error(`signed attribute ${oid}: expected a non-empty SET of values`);
    if (attributes.has(oid)) throw new Asn1Error(`signed attribute ${oid} appears twice`);
    attributes.set(oid, values.children);
  }
  return attributes;
}

/** The messageDigest attribute's value (RFC 5652 11.2): exactly one OCTET STRING. */
export function readMessageDigest(attributes: SignedAttributes): Uint8Array | undefined {
  const values = attributes.get(CMS_OIDS.messageDigest);
  if (!values || values.length !== 1) return undefined;
  return readOctetString(values[0], 'messageDigest');
}
