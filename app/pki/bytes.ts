/**
 * The byte helpers of app/pki (no node:* and no Buffer, so the engine runs unchanged in the browser).
 * One module: hex, base64, PEM, comparison, copies and digests.
 */

const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  // From a table: every parse writes three or four hex strings (identity, key hash, serial).
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX_PAIRS[bytes[i] as number] as string;
  return out;
}

/** Bytes of a hex string (an optional `0x` prefix); anything else than pairs of hex digits throws. */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.startsWith('0x') ? hex.slice(2) : hex;
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new TypeError(`Not a hex string: ${hex}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The unsigned big-endian integer these bytes spell (DER INTEGER contents, curve coordinates, scalars). */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

/** `value` as exactly `length` big-endian bytes, left-padded with zeros; a value too large throws. */
export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  if (rest !== 0n) throw new RangeError('Integer does not fit');
  return out;
}

/** Whether two byte strings are equal (in time independent of where they differ). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  return joinBytes(parts);
}

/** `concatBytes` of an array: a list of 100,000 parts (a large CRL's entries) given as spread arguments would overflow the call stack. */
export function joinBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * A plain Uint8Array copy of exactly these bytes, with its own ArrayBuffer. Bytes entering the engine
 * go through here: in Node they are often a Buffer, whose `.slice()` is a view (of the caller's
 * memory, or of the shared 8 KiB pool) rather than a copy.
 */
export function copyBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  // set() is one memory copy; the Uint8Array(typedArray) constructor copies element by element in V8
  // (measured 3 to 10 times slower, milliseconds for a CRL of a few hundred kilobytes).
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy;
}

/**
 * Bytes to hand to WebCrypto, which copies what it is given (WebCrypto spec: "get a copy of the
 * bytes held by"): a view of an ArrayBuffer goes as it is, so a CRL's signed part is not copied once
 * more on its way; anything else (a SharedArrayBuffer view) is copied.
 */
export function toBufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return isArrayBufferView(bytes) ? bytes : copyBytes(bytes);
}

function isArrayBufferView(bytes: Uint8Array): bytes is Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer;
}

/** A copy with its own ArrayBuffer (WebCrypto and pkijs want a plain, exactly-sized buffer). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return copyBytes(bytes).buffer;
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function base64Decode(text: string): Uint8Array {
  const clean = text.replace(/[^A-Za-z0-9+/=]/g, '');
  const binary = atob(clean);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function base64Encode(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Unpadded base64url (RFC 4648 section 5), as JWK members are written. Direct from a table: an RSA
 * modulus imported per path certificate made btoa's detour (a binary string, then three replaces)
 * a visible share of a path's validation.
 */
export function base64UrlEncode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += BASE64URL.charAt(v >> 18) + BASE64URL.charAt((v >> 12) & 63) + BASE64URL.charAt((v >> 6) & 63) + BASE64URL.charAt(v & 63);
  }
  if (i < bytes.length) {
    const v = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += BASE64URL.charAt(v >> 18) + BASE64URL.charAt((v >> 12) & 63) + (i + 1 < bytes.length ? BASE64URL.charAt((v >> 6) & 63) : '');
  }
  return out;
}

export type PemBlock = { readonly label: string; readonly der: Uint8Array };

/** Whether a file's bytes are PEM text (a `-----BEGIN ` line near the start) rather than DER. */
export function looksLikePem(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  return head.includes('-----BEGIN ');
}

/** Every `-----BEGIN X-----` block of a text, in order. */
export function decodePem(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const re = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) blocks.push({ label: m[1] as string, der: base64Decode(m[2] as string) });
  return blocks;
}

/** DER bytes of the first PEM block with this label (or any label when omitted); throws when there is none. */
export function fromPem(pem: string, label?: string): Uint8Array {
  const block = decodePem(pem).find((b) => label === undefined || b.label === label);
  if (!block) throw new TypeError(`No PEM ${label ?? ''} block found`);
  return block.der;
}

/** DER bytes wrapped as PEM with this label (64-character lines). */
export function toPem(der: Uint8Array, label: string): string {
  const b64 = base64Encode(der).replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}-----END ${label}-----\n`;
}

export type DigestName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export async function digest(algorithm: DigestName, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest(algorithm, toBufferSource(data)));
}

export function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return digest('SHA-256', bytes);
}
