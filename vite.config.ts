import { build, defineConfig, type Plugin, type Rollup } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };
import { CONTENT_SCRIPTS } from './src/shared/content-scripts.ts';
import { catalogProblems, readCatalogs, type Catalog } from './src/locales/catalog.ts';

/** Chromium 129: PublicKeyCredential.parseCreationOptionsFromJSON() and toJSON() (see minimum_chrome_version). */
const TARGET = 'chrome129';

/**
 * The content scripts as self-contained IIFE files at fixed paths, for chrome.scripting.executeScript({ files }).
 * Files injected that way need no web_accessible_resources (crxjs's declared scripts and `?script` imports load
 * their chunks through a loader that makes them web-accessible, which lets any page on those hosts detect us).
 */
/** dom-accessibility-api's ES5 polyfills (with Babel class helpers) cost the guided content script ~2 KB gzip. */
const ALIASES = [
  { find: /^\.\/polyfills\/array\.from\.mjs$/, replacement: '/src/content/guided/natives/array-from.ts' },
  { find: /^\.\/polyfills\/SetLike\.mjs$/, replacement: '/src/content/guided/natives/set.ts' },
];

function injectedContentScripts(): Plugin {
  return {
    name: 'injected-content-scripts',
    apply: 'build',
    async generateBundle() {
      for (const { entry, file } of Object.values(CONTENT_SCRIPTS)) {
        const result = await build({
          configFile: false,
          logLevel: 'warn',
          resolve: { alias: ALIASES },
          build: { write: false, target: TARGET, lib: { entry, formats: ['iife'], name: 'passkeyProvisioner' } },
        });
        const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
        const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk' && o.isEntry);
        if (!chunk || chunk.type !== 'chunk') throw new Error(`No bundle for ${entry}`);
        this.emitFile({ type: 'asset', fileName: file, source: chunk.code });
      }
    },
  };
}

/** What Chrome needs of a catalog: descriptions and examples are for translators (Chrome hands each locale's messages
 * to every renderer that runs our scripts, so they stay out of the package). */
const shipped = (catalog: Catalog): Catalog =>
  Object.fromEntries(
    Object.entries(catalog).map(([key, { message, placeholders }]) => [
      key,
      placeholders
        ? {
            message,
            placeholders: Object.fromEntries(Object.entries(placeholders).map(([n, p]) => [n, { content: p.content }])),
          }
        : { message },
    ]),
  );

/** _locales/<locale>/messages.json from the per-area catalogs; the build stops on any missing or mismatched message. */
function extensionLocales(): Plugin {
  return {
    name: 'extension-locales',
    apply: 'build',
    generateBundle() {
      const catalogs = readCatalogs();
      const problems = catalogProblems(catalogs);
      if (problems.length) throw new Error(`Message catalogs:\n  ${problems.join('\n  ')}`);
      for (const [locale, catalog] of Object.entries(catalogs))
        this.emitFile({
          type: 'asset',
          fileName: `_locales/${locale}/messages.json`,
          source: JSON.stringify(shipped(catalog)),
        });
    },
  };
}

export default defineConfig({
  plugins: [preact(), crx({ manifest }), injectedContentScripts(), extensionLocales()],
  resolve: { alias: ALIASES },
  build: {
    target: TARGET,
    // The auth host is an offscreen document: no manifest field points at it, so name it here.
    rollupOptions: { input: { 'auth-host': 'src/auth-host/index.html' } },
    sourcemap: false,
    emptyOutDir: true,
  },
});
