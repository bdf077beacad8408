import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { X509Certificate } from '@peculiar/x509';
import type { FortifyToken, FortifyTokenCertificate, FortifyTokenPrivateKey } from './token.ts';

const run = promisify(execFile);

/** Debian's softhsm2 package puts the PKCS#11 module here. */
export const SOFTHSM_LIBRARY = '/usr/lib/softhsm/libsofthsm2.so';

export interface SoftHsmTokenParameters {
  readonly label: string;
  /** User PIN; the SO PIN is derived from it. Default 1234. */
  readonly pin?: string;
  readonly certificates: readonly BufferSource[];
  /** PKCS#8 private keys, each stored with the CKA_ID of its certificate. */
  readonly keys: readonly { readonly certIndex: number; readonly pkcs8: BufferSource }[];
}

export interface SoftHsm {
  readonly library: string;
  /** Folder holding the configuration and the token files; removed by `close()`. */
  readonly directory: string;
  /** Initialises a token and writes certificates and keys with pkcs11-tool, as an administrator would. */
  createToken(parameters: SoftHsmTokenParameters): Promise<void>;
  close(): Promise<void>;
}

function bytes(data: BufferSource): Uint8Array<ArrayBuffer> {
  return ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice()
    : new Uint8Array(data).slice();
}

/**
 * A private SoftHSM2 token store in a temporary folder. SoftHSM reads SOFTHSM2_CONF once, when the
 * PKCS#11 module is initialised, so a process should use one SoftHSM (with as many tokens as needed).
 */
export async function createSoftHsm(library = SOFTHSM_LIBRARY): Promise<SoftHsm> {
  const directory = await mkdtemp(join(tmpdir(), 'softhsm-'));
  const configPath = join(directory, 'softhsm2.conf');
  await writeFile(
    configPath,
    `directories.tokendir = ${directory}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = true\n`,
  );
  const env = { ...process.env, SOFTHSM2_CONF: configPath };
  process.env.SOFTHSM2_CONF = configPath;
  let files = 0;

  return {
    library,
    directory,
    async createToken({ label, pin = '1234', certificates, keys }) {
      await run('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', `${pin}${pin}`], { env });
      const write = async (der: BufferSource, type: 'cert' | 'privkey', id: string) => {
        const file = join(directory, `object-${files++}.der`);
        await writeFile(file, bytes(der));
        const args = ['--module', library, '--token-label', label, '--login', '--pin', pin];
        await run('pkcs11-tool', [...args, '--write-object', file, '--type', type, '--id', id, '--label', `${label} ${files}`], { env });
        await rm(file);
      };
      const ids: string[] = [];
      for (const der of certificates) {
        const certificate = new X509Certificate(bytes(der));
        const id = Buffer.from(await certificate.publicKey.getKeyIdentifier()).toString('hex');
        ids.push(id);
        await write(der, 'cert', id);
      }
      for (const key of keys) {
        const id = ids[key.certIndex];
        if (!id) throw new Error(`Key refers to certificate ${key.certIndex}, which is not on the token`);
        await write(key.pkcs8, 'privkey', id);
      }
    },
    async close() {
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export interface OpenPkcs11TokenParameters {
  readonly library: string;
  /** Label of the token to open. */
  readonly label: string;
  readonly pin: string;
  /** Provider name shown to clients; default: the label. */
  readonly name?: string;
}

/** A PKCS#11 token, read through node-webcrypto-p11 as Fortify reads tokens. */
export interface Pkcs11Token extends FortifyToken {
  /** Finalises the PKCS#11 module (do it once, when no other token of the module is in use). */
  close(): void;
}

/**
 * Opens a PKCS#11 token and lists its certificates and private keys with the indexes
 * node-webcrypto-p11 gives them (`x509-<handle>-<CKA_ID>`), exactly what Fortify sends.
 * Logs in at once: in Fortify the user types the token PIN into Fortify's own window.
 */
export async function openPkcs11Token(parameters: OpenPkcs11TokenParameters): Promise<Pkcs11Token> {
  // Optional dependency: it needs a native build (pkcs11js).
  const { Crypto } = await import('node-webcrypto-p11');
  type P11Crypto = InstanceType<typeof Crypto>;
  let crypto: P11Crypto | undefined;
  for (let slot = 0; slot < 16 && !crypto; slot++) {
    let candidate: P11Crypto;
    try {
      candidate = new Crypto({ library: parameters.library, slot, name: parameters.name ?? parameters.label });
    } catch {
      break; // no more slots
    }
    // `token` is graphene's CK_TOKEN_INFO of the slot; labels are blank-padded.
    const label = (candidate as unknown as { token: { label: string } }).token.label.trim();
    if (label === parameters.label) crypto = candidate;
    else candidate.session.close();
  }
  if (!crypto) throw new Error(`No PKCS#11 token labelled '${parameters.label}' in ${parameters.library}`);
  crypto.login(parameters.pin);
  const p11 = crypto;

  const certificates: FortifyTokenCertificate[] = [];
  for (const index of await p11.certStorage.keys()) {
    if (!index.startsWith('x509-')) continue;
    const item = await p11.certStorage.getItem(index);
    const der = await p11.certStorage.exportCert('raw', item);
    const certificate = new X509Certificate(der as ArrayBuffer);
    certificates.push({
      index,
      certificate,
      algorithm: item.publicKey.algorithm as FortifyTokenCertificate['algorithm'],
    });
  }
  const privateKeys: FortifyTokenPrivateKey[] = [];
  for (const index of await p11.keyStorage.keys()) {
    if (!index.startsWith('private-')) continue;
    let key = await p11.keyStorage.getItem(index);
    if (key.algorithm.name.toUpperCase() === 'RSASSA-PKCS1-V1_5' && !('hash' in key.algorithm)) {
      // PKCS#11 RSA keys carry no hash; WebCrypto (and the Fortify client) needs one bound to the key.
      key = await p11.keyStorage.getItem(index, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as Algorithm, false, ['sign']);
    }
    privateKeys.push({ index, key: key as unknown as CryptoKey });
  }
  const serial = (p11 as unknown as { token: { serialNumber: string } }).token.serialNumber.trim();
  return {
    id: Buffer.from(`${parameters.library}:${serial}`).toString('hex'),
    name: parameters.name ?? parameters.label,
    certificates,
    privateKeys,
    subtle: p11.subtle as unknown as SubtleCrypto,
    close: () => p11.close(),
  };
}
