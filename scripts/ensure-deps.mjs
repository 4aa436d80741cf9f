// Runs before demo, test and bench: installs node_modules when missing or stale, and checks for a Chromium.
import { existsSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { findChromium } from './find-chromium.mjs';

const root = new URL('..', import.meta.url).pathname;
const lock = `${root}package-lock.json`;
const installed = `${root}node_modules/.package-lock.json`;
if (!existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
  console.log('Installing dependencies (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
if (!findChromium()) {
  console.error(
    'No Chromium found. Install one (Debian/Ubuntu: sudo apt-get install chromium) or set CHROME_PATH to a Chromium or Chrome for Testing binary.\n' +
      'Branded Google Chrome 137+ cannot load unpacked extensions from the command line, so it does not work for the demo and tests.',
  );
  process.exit(1);
}
