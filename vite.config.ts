import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };

export default defineConfig({
  plugins: [preact(), crx({ manifest })],
  build: {
    target: 'chrome120',
    // The auth host is an offscreen document: no manifest field points at it, so name it here.
    rollupOptions: { input: { 'auth-host': 'src/auth-host/index.html' } },
    sourcemap: false,
    emptyOutDir: true,
  },
});
