// Packs dist/ as a signed CRX3 for self-hosting (ExtensionInstallForcelist) and writes updates.xml.
// Usage: npm run package:crx -- --key org-extension.pem --codebase https://it.example.com/passkey/passkey-provisioner.crx
//        [--generate-key] [--update-url https://it.example.com/passkey/updates.xml] [--out release]
// The private key is the organisation's: keep it safe, it fixes the extension id (and so the redirect URI).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { crxPackage, generatePrivateKeyPem, readTree, updatesXml } from './package-lib.mjs';

const { values } = parseArgs({
  options: {
    key: { type: 'string' },
    'generate-key': { type: 'boolean', default: false },
    codebase: { type: 'string' },
    'update-url': { type: 'string' },
    out: { type: 'string', default: 'release' },
    dist: { type: 'string', default: 'dist' },
  },
});
const fail = (m) => {
  console.error(m);
  process.exit(1);
};
if (!values.key) fail('--key <private key .pem> is required (add --generate-key to create one).');
if (!values.codebase || !/^https:\/\//.test(values.codebase))
  fail('--codebase <https URL where the .crx will be served> is required.');
const keyPath = resolve(values.key);
if (!existsSync(keyPath)) {
  if (!values['generate-key']) fail(`${keyPath} does not exist (add --generate-key to create it).`);
  writeFileSync(keyPath, generatePrivateKeyPem(), { mode: 0o600 });
  console.log(`Generated a new private key: ${keyPath} (keep it: it fixes the extension id).`);
}
const updateUrl = values['update-url'] ?? new URL('updates.xml', values.codebase).href;
const { crx, id, manifest, redirectUri } = crxPackage(readTree(resolve(values.dist)), readFileSync(keyPath, 'utf8'), {
  updateUrl,
});
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const crxName = basename(new URL(values.codebase).pathname) || `passkey-provisioner-${manifest.version}.crx`;
writeFileSync(join(out, crxName), crx);
writeFileSync(join(out, 'updates.xml'), updatesXml({ id, codebase: values.codebase, version: manifest.version }));
console.log(`${join(out, crxName)} (${(crx.length / 1024).toFixed(1)} KB) and ${join(out, 'updates.xml')}`);
console.log(`Extension id: ${id}`);
console.log(`Redirect URI to register (SPA platform): ${redirectUri}`);
console.log(`ExtensionInstallForcelist entry: ${id};${updateUrl}`);
