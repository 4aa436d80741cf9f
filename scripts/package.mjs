// Zips dist/ (manifest.json at the root) for the Chrome Web Store and Edge Add-ons, without the manifest `key`
// (the stores refuse it and assign their own id: register https://<store id>.chromiumapp.org/ once it is known).
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTree, storeZip } from './package-lib.mjs';

const root = new URL('..', import.meta.url).pathname;
const files = readTree(join(root, 'dist'));
const { zip, manifest } = storeZip(files);
mkdirSync(join(root, 'release'), { recursive: true });
const out = join(root, 'release', `passkey-provisioner-${manifest.version}.zip`);
writeFileSync(out, zip);
console.log(`${out} (${Object.keys(files).length} files, ${(statSync(out).size / 1024).toFixed(1)} KB)`);
console.log(
  'Store upload: no manifest key. Once the store shows the extension id, add https://<id>.chromiumapp.org/ as a SPA redirect URI of the app registration.',
);
