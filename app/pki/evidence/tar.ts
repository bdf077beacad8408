// A POSIX ustar archive (IEEE Std 1003.1, "pax" interchange format, ustar header only), written and
// read by these few lines so that an evidence bundle is one file that `tar -xf` opens anywhere,
// without a zip dependency. Only regular files with names under 100 bytes; no directories.

const BLOCK = 512;

export type TarEntry = { readonly name: string; readonly data: Uint8Array };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** One archive from `entries`, in order; `mtime` (seconds) is the same for every file so the bytes are reproducible. */
export function writeTar(entries: readonly TarEntry[], mtime = 0): Uint8Array {
  const size = entries.reduce((total, e) => total + BLOCK + Math.ceil(e.data.length / BLOCK) * BLOCK, 2 * BLOCK);
  const out = new Uint8Array(size);
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    if (name.length === 0 || name.length > 99 || entry.name.includes('/')) throw new RangeError(`tar: file name ${entry.name} is not a plain name under 100 bytes`);
    const header = out.subarray(offset, offset + BLOCK);
    const put = (at: number, text: string) => header.set(encoder.encode(text), at);
    header.set(name, 0);
    put(100, octal(0o644, 8));
    put(108, octal(0, 8));
    put(116, octal(0, 8));
    put(124, octal(entry.data.length, 12));
    put(136, octal(mtime, 12));
    put(148, '        '); // the checksum field counts as spaces while the checksum is summed
    put(156, '0');
    put(257, 'ustar\x0000');
    const checksum = header.reduce((sum, byte) => sum + byte, 0);
    put(148, checksum.toString(8).padStart(6, '0') + '\0 ');
    out.set(entry.data, offset + BLOCK);
    offset += BLOCK + Math.ceil(entry.data.length / BLOCK) * BLOCK;
  }
  return out;
}

/** The regular files of a ustar archive; throws RangeError on a header whose checksum or size does not hold. */
export function readTar(archive: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const field = (at: number, length: number) => decoder.decode(header.subarray(at, at + length)).replace(/\0.*$/s, '');
    const checksum = header.reduce((sum, byte, i) => sum + (i >= 148 && i < 156 ? 0x20 : byte), 0);
    if (parseInt(field(148, 8).trim(), 8) !== checksum) throw new RangeError(`tar: bad header checksum at byte ${offset}`);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const start = offset + BLOCK;
    if (!Number.isSafeInteger(size) || start + size > archive.length) throw new RangeError(`tar: entry at byte ${offset} runs past the end`);
    const type = field(156, 1);
    if (type === '0' || type === '') // A copy as a plain Uint8Array, also when `archive` is a Node Buffer (whose slice is a view).
    entries.push({ name: field(0, 100), data: new Uint8Array(archive.subarray(start, start + size)) });
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}
