import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };

export default defineConfig({
  plugins: [preact(), crx({ manifest })],
  resolve: {
    // dom-accessibility-api's ES5 polyfills (with Babel class helpers) cost the guided content script ~2 KB gzip.
    alias: [
      { find: /^\.\/polyfills\/array\.from\.mjs$/, replacement: '/src/content/guided/natives/array-from.ts' },
      { find: /^\.\/polyfills\/SetLike\.mjs$/, replacement: '/src/content/guided/natives/set.ts' },
    ],
  },
  build: {
    target: 'chrome120',
    // The auth host is an offscreen document: no manifest field points at it, so name it here.
    rollupOptions: { input: { 'auth-host': 'src/auth-host/index.html' } },
    sourcemap: false,
    emptyOutDir: true,
  },
});
