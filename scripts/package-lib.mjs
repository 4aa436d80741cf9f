// The release artefacts, as pure functions (unit-tested): the store zip (no manifest `key`), a signed CRX3 for
// self-hosting, and the update manifest. Only node:crypto and fflate: no CRX dependency to trust.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';

/** Every file under dir, by forward-slash path. */
export function readTree(dir) {
  const files = {};
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(dir, p).split('\\').join('/')] = new Uint8Array(readFileSync(p));
    }
  };
  walk(dir);
  return files;
}

const withManifest = (files, manifest) => ({
  ...files,
  'manifest.json': new Uint8Array(Buffer.from(JSON.stringify(manifest, null, 2))),
});

/**
 * Chrome refuses to load a package whose manifest names a `default_locale` without its messages, or a `__MSG_x__`
 * the default messages do not define: stop before such a package is made.
 */
export function checkLocales(files, manifest) {
  const locale = manifest.default_locale;
  const uses = [...JSON.stringify(manifest).matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]);
  if (!locale) {
    if (uses.length) throw new Error(`The manifest uses __MSG_${uses[0]}__ but names no default_locale.`);
    return;
  }
  const path = `_locales/${locale}/messages.json`;
  if (!files[path])
    throw new Error(`The manifest's default_locale is "${locale}" but ${path} is missing: build first.`);
  const messages = JSON.parse(Buffer.from(files[path]).toString('utf8'));
  const missing = uses.filter((k) => !(k in messages));
  if (missing.length) throw new Error(`${path} does not define ${missing.join(', ')}, which the manifest uses.`);
}

/** The Chrome Web Store / Edge Add-ons zip: the stores refuse a manifest with `key` and assign their own id. */
export function storeZip(files) {
  const manifest = JSON.parse(Buffer.from(files['manifest.json']).toString('utf8'));
  checkLocales(files, manifest);
  delete manifest.key;
  delete manifest.update_url;
  return { zip: zipSync(withManifest(files, manifest), { level: 9 }), manifest };
}

/** A new RSA-2048 private key (PKCS#8 PEM), for an organisation without one. */
export function generatePrivateKeyPem() {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
}

/** SubjectPublicKeyInfo DER of a private key's public half. */
export function publicKeyDer(privateKeyPem) {
  return createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'der' });
}

/** Chromium's extension id: the first 16 bytes of SHA-256(SPKI), each nibble as a letter a–p. */
export function extensionIdFromDer(spki) {
  const hex = createHash('sha256').update(spki).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

// --- protobuf (length-delimited fields only: all CRX3 needs) -----------------------------------
const varint = (n) => {
  const out = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
};
const field = (num, bytes) => Buffer.concat([varint(num * 8 + 2), varint(bytes.length), bytes]);

/** Reads length-delimited fields of a protobuf message: [{ num, bytes }]. */
export function readFields(buf) {
  const fields = [];
  let i = 0;
  const readVarint = () => {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = buf[i++];
      n += (b & 0x7f) * mul;
      mul *= 128;
      if (b < 0x80) return n;
    }
  };
  while (i < buf.length) {
    const key = readVarint();
    if ((key & 7) !== 2) throw new Error(`unexpected wire type ${key & 7}`);
    const len = readVarint();
    fields.push({ num: Math.floor(key / 8), bytes: buf.subarray(i, i + len) });
    i += len;
  }
  return fields;
}

const SIGNED_DATA_PREFIX = Buffer.from('CRX3 SignedData\x00', 'binary');
const le32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/** What Chromium verifies: "CRX3 SignedData\0" ‖ len(signed_header_data) ‖ signed_header_data ‖ zip. */
export const signedPayload = (signedHeaderData, zip) =>
  Buffer.concat([SIGNED_DATA_PREFIX, le32(signedHeaderData.length), signedHeaderData, zip]);

/**
 * A CRX3 file: "Cr24", version 3, header length, CrxFileHeader { sha256_with_rsa (2): { public_key (1),
 * signature (2) }, signed_header_data (10000): SignedData { crx_id (1) } }, then the zip.
 */
export function buildCrx3(zip, privateKeyPem) {
  const spki = publicKeyDer(privateKeyPem);
  const crxId = createHash('sha256').update(spki).digest().subarray(0, 16);
  const signedHeaderData = field(1, crxId);
  const signature = sign('sha256', signedPayload(signedHeaderData, Buffer.from(zip)), createPrivateKey(privateKeyPem));
  const header = Buffer.concat([
    field(2, Buffer.concat([field(1, spki), field(2, signature)])),
    field(10000, signedHeaderData),
  ]);
  return Buffer.concat([Buffer.from('Cr24'), le32(3), le32(header.length), header, Buffer.from(zip)]);
}

/** Splits a CRX3 into its parts (for the tests and for checking a download). */
export function parseCrx3(crx) {
  const buf = Buffer.from(crx);
  if (buf.subarray(0, 4).toString('latin1') !== 'Cr24') throw new Error('not a CRX file (magic)');
  if (buf.readUInt32LE(4) !== 3) throw new Error(`CRX version ${buf.readUInt32LE(4)}, expected 3`);
  const headerLength = buf.readUInt32LE(8);
  const header = buf.subarray(12, 12 + headerLength);
  const zip = buf.subarray(12 + headerLength);
  const fields = readFields(header);
  const proofs = fields
    .filter((f) => f.num === 2)
    .map((f) => Object.fromEntries(readFields(f.bytes).map((x) => [x.num, x.bytes])));
  const signedHeaderData = fields.find((f) => f.num === 10000)?.bytes;
  if (!signedHeaderData || !proofs.length) throw new Error('CRX header without signed data or RSA proof');
  const crxId = readFields(signedHeaderData).find((f) => f.num === 1)?.bytes;
  return { proofs: proofs.map((p) => ({ publicKey: p[1], signature: p[2] })), signedHeaderData, crxId, zip };
}

/** The self-hosting package: the manifest carries the organisation's public key (same id unpacked) and update URL. */
export function crxPackage(files, privateKeyPem, { updateUrl } = {}) {
  const spki = publicKeyDer(privateKeyPem);
  const manifest = JSON.parse(Buffer.from(files['manifest.json']).toString('utf8'));
  checkLocales(files, manifest);
  manifest.key = spki.toString('base64');
  if (updateUrl) manifest.update_url = updateUrl;
  const zip = zipSync(withManifest(files, manifest), { level: 9 });
  const id = extensionIdFromDer(spki);
  return { crx: buildCrx3(zip, privateKeyPem), id, manifest, redirectUri: `https://${id}.chromiumapp.org/` };
}

const xmlAttr = (s) => String(s).replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;');

/** The update manifest ExtensionInstallForcelist / ExtensionSettings point at ("id;https://…/updates.xml"). */
export function updatesXml({ id, codebase, version }) {
  return `<?xml version='1.0' encoding='UTF-8'?>
<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>
  <app appid='${xmlAttr(id)}'>
    <updatecheck codebase='${xmlAttr(codebase)}' version='${xmlAttr(version)}' />
  </app>
</gupdate>
`;
}
