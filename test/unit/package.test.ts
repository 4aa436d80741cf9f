/** Release artefacts: each is unpacked and its manifest checked (store zip without key; CRX3 signed, id consistent). */
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/find-chromium.mjs';
import {
  crxPackage,
  extensionIdFromDer,
  generatePrivateKeyPem,
  parseCrx3,
  publicKeyDer,
  readTree,
  signedPayload,
  storeZip,
  updatesXml,
} from '../../scripts/package-lib.mjs';

const root = join(import.meta.dirname, '..', '..');
const manifestOf = (zip: Uint8Array) =>
  JSON.parse(Buffer.from(unzipSync(zip)['manifest.json']!).toString('utf8')) as Record<string, unknown>;

describe('release packages', () => {
  let dist: string;
  let pem: string;
  beforeAll(() => {
    // A small stand-in for dist/: the repository's manifest (with its pinned key) and a nested file.
    dist = mkdtempSync(join(tmpdir(), 'pp-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'manifest.json'), readFileSync(join(root, 'manifest.json')));
    writeFileSync(join(dist, 'assets', 'worker.js'), 'console.log(1)');
    mkdirSync(join(dist, '_locales', 'en'), { recursive: true });
    const names = {
      extName: 'Passkey Provisioner for Entra ID',
      extShortName: 'Passkey Provisioner',
      extDescription: '…',
    };
    writeFileSync(
      join(dist, '_locales', 'en', 'messages.json'),
      JSON.stringify(Object.fromEntries(Object.entries(names).map(([k, message]) => [k, { message }]))),
    );
    pem = generatePrivateKeyPem();
  });

  it('store zip: every file, and the manifest without `key`', () => {
    const { zip } = storeZip(readTree(dist));
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['_locales/en/messages.json', 'assets/worker.js', 'manifest.json']);
    const m = manifestOf(zip);
    expect(m).not.toHaveProperty('key');
    // Names come from _locales in the admin's language; English is the default.
    expect(m.name).toBe('__MSG_extName__');
    expect(m.default_locale).toBe('en');
  });

  it('crx: a valid CRX3 signed with the organisation’s key; the id matches updates.xml and the manifest key', () => {
    const codebase = 'https://it.example.com/passkey/passkey-provisioner.crx';
    const { crx, id, redirectUri, manifest } = crxPackage(readTree(dist), pem, {
      updateUrl: 'https://it.example.com/passkey/updates.xml',
    });
    expect(crx.subarray(0, 4).toString('latin1')).toBe('Cr24');
    expect(crx.readUInt32LE(4)).toBe(3);
    const parsed = parseCrx3(crx);
    expect(parsed.proofs).toHaveLength(1);
    const spki = parsed.proofs[0]!.publicKey;
    expect(spki.equals(publicKeyDer(pem))).toBe(true);
    // crx_id in the signed header = first 16 bytes of SHA-256(public key); the signature covers header and zip
    expect(parsed.crxId!.equals(createHash('sha256').update(spki).digest().subarray(0, 16))).toBe(true);
    const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    expect(verify('sha256', signedPayload(parsed.signedHeaderData, parsed.zip), key, parsed.proofs[0]!.signature)).toBe(
      true,
    );
    const tampered = Buffer.from(parsed.zip);
    tampered[tampered.length - 30]! ^= 1;
    expect(verify('sha256', signedPayload(parsed.signedHeaderData, tampered), key, parsed.proofs[0]!.signature)).toBe(
      false,
    );
    expect(id).toBe(extensionIdFromDer(spki));
    expect(id).toMatch(/^[a-p]{32}$/);
    expect(redirectUri).toBe(`https://${id}.chromiumapp.org/`);
    const inside = manifestOf(parsed.zip);
    expect(inside.key).toBe(spki.toString('base64'));
    expect(inside.update_url).toBe('https://it.example.com/passkey/updates.xml');
    const xml = updatesXml({ id, codebase, version: String(manifest.version) });
    expect(xml).toContain(`<app appid='${id}'>`);
    expect(xml).toContain(`codebase='${codebase}' version='${inside.version}'`);
  });

  it('refuses a package whose manifest names messages it does not ship (Chrome would not load it)', () => {
    const files = readTree(dist);
    expect(() => storeZip({ ...files, '_locales/en/messages.json': undefined! })).toThrow(
      /default_locale is "en" but _locales\/en\/messages.json is missing/,
    );
    const noName = new Uint8Array(Buffer.from(JSON.stringify({ extShortName: { message: 'x' } })));
    expect(() => crxPackage({ ...files, '_locales/en/messages.json': noName }, pem)).toThrow(
      /does not define extName, extDescription/,
    );
  });

  it('the pinned unpacked key gives the id the README names', () => {
    const m = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { key: string };
    expect(extensionIdFromDer(Buffer.from(m.key, 'base64'))).toBe('kdiehgkbondhaclbppmifhjboclgficg');
  });

  it('package-crx CLI: generates a key when asked, writes the .crx and updates.xml, prints id and redirect URI', () => {
    const out = mkdtempSync(join(tmpdir(), 'pp-out-'));
    const keyPath = join(out, 'org.pem');
    const stdout = execFileSync(
      process.execPath,
      [
        join(root, 'scripts', 'package-crx.mjs'),
        '--key',
        keyPath,
        '--generate-key',
        '--codebase',
        'https://it.example.com/pp/pp.crx',
        '--dist',
        dist,
        '--out',
        out,
      ],
      { encoding: 'utf8' },
    );
    const id = /Extension id: ([a-p]{32})/.exec(stdout)![1]!;
    expect(stdout).toContain(`Redirect URI to register (SPA platform): https://${id}.chromiumapp.org/`);
    expect(stdout).toContain(`${id};https://it.example.com/pp/updates.xml`);
    const parsed = parseCrx3(readFileSync(join(out, 'pp.crx')));
    expect(extensionIdFromDer(parsed.proofs[0]!.publicKey)).toBe(id);
    expect(readFileSync(join(out, 'updates.xml'), 'utf8')).toContain(`appid='${id}'`);
    expect(extensionIdFromDer(publicKeyDer(readFileSync(keyPath, 'utf8')))).toBe(id);
  });

  it('matches Chromium’s own packer: same signed header, and its signature verifies over the same payload', () => {
    const chromium = findChromium();
    if (!chromium) return console.log('no Chromium: skipped the comparison with --pack-extension');
    const dir = mkdtempSync(join(tmpdir(), 'pp-chromium-'));
    const ext = join(dir, 'ext');
    mkdirSync(join(ext, 'assets'), { recursive: true });
    // Chromium packs only a loadable extension: a minimal manifest whose files exist.
    const manifest = {
      manifest_version: 3,
      name: 'Pack test',
      version: '1.2.3',
      background: { service_worker: 'assets/worker.js' },
    };
    writeFileSync(join(ext, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(join(ext, 'assets', 'worker.js'), 'console.log(1)');
    writeFileSync(join(dir, 'key.pem'), pem);
    execFileSync(
      chromium,
      ['--headless=new', '--no-sandbox', `--pack-extension=${ext}`, `--pack-extension-key=${join(dir, 'key.pem')}`],
      {
        stdio: 'ignore',
        timeout: 60_000,
      },
    );
    const theirs = parseCrx3(readFileSync(join(dir, 'ext.crx')));
    const ours = parseCrx3(crxPackage(readTree(ext), pem).crx);
    expect(theirs.signedHeaderData.equals(ours.signedHeaderData)).toBe(true);
    expect(theirs.proofs[0]!.publicKey.equals(ours.proofs[0]!.publicKey)).toBe(true);
    const key = createPublicKey({ key: theirs.proofs[0]!.publicKey, format: 'der', type: 'spki' });
    expect(verify('sha256', signedPayload(theirs.signedHeaderData, theirs.zip), key, theirs.proofs[0]!.signature)).toBe(
      true,
    );
  }, 90_000);
});
