/**
 * Triple-DES and RC2 in CBC mode, decryption only: legacy PKCS#12 files need them and WebCrypto
 * has neither. node-forge provides both; it is loaded only when a legacy file is opened.
 */
export type LegacyCipher = { readonly name: '3DES-CBC' } | { readonly name: 'RC2-CBC'; readonly effectiveBits: number };

function toBinaryString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

function fromBinaryString(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** Decrypts and removes PKCS#7 padding; returns undefined when the padding is wrong (a wrong key). */
export async function legacyDecrypt(
  cipher: LegacyCipher,
  key: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
): Promise<Uint8Array | undefined> {
  const { default: forge } = await import('node-forge');
  const input = forge.util.createBuffer(toBinaryString(ciphertext));
  const decipher =
    cipher.name === '3DES-CBC'
      ? forge.cipher.createDecipher('3DES-CBC', toBinaryString(key))
      : forge.rc2.createDecryptionCipher(toBinaryString(key), cipher.effectiveBits);
  if (cipher.name === '3DES-CBC') (decipher as ReturnType<typeof forge.cipher.createDecipher>).start({ iv: toBinaryString(iv) });
  else (decipher as ReturnType<typeof forge.rc2.createDecryptionCipher>).start(toBinaryString(iv));
  decipher.update(input);
  if (cipher.name === '3DES-CBC') {
    // forge's CBC mode checks PKCS#7 padding strictly (every pad byte).
    return decipher.finish() ? fromBinaryString(decipher.output.getBytes()) : undefined;
  }
  // forge's RC2 checks only the pad count: decrypt without unpadding, then check it here.
  if (!(decipher as ReturnType<typeof forge.rc2.createDecryptionCipher>).finish(() => true)) return undefined;
  return removePkcs7Padding(fromBinaryString(decipher.output.getBytes()), 8);
}

export function removePkcs7Padding(data: Uint8Array, blockSize: number): Uint8Array | undefined {
  const count = data[data.length - 1];
  if (data.length === 0 || data.length % blockSize !== 0 || !count || count > blockSize) return undefined;
  for (let i = data.length - count; i < data.length; i++) if (data[i] !== count) return undefined;
  return data.subarray(0, data.length - count);
}
