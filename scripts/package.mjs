// Zips dist/ (manifest.json at the root) for the Chrome Web Store and Edge Add-ons.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
const files = {};
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else files[relative(dist, p)] = readFileSync(p);
  }
};
walk(dist);
// The stores assign their own key/ID; the pinned key is for unpacked installs (stable redirect URI).
const storeManifest = { ...manifest };
delete storeManifest.key;
files['manifest.json'] = Buffer.from(JSON.stringify(storeManifest, null, 2));
mkdirSync(join(root, 'release'), { recursive: true });
const out = join(root, 'release', `passkey-provisioner-${manifest.version}.zip`);
writeFileSync(out, zipSync(files, { level: 9 }));
console.log(`${out} (${Object.keys(files).length} files, ${(statSync(out).size / 1024).toFixed(1)} KB)`);
