/**
 * The content scripts. None is declared in the manifest: each is built as one self-contained file
 * (vite.config.ts) and injected by the service worker into the tabs a job opened, and only there
 * (src/background/jobs/inject.ts). A Microsoft page the admin opens by hand never loads them.
 */
export const CONTENT_SCRIPTS = {
  /** Automatic mode: create() on the ceremony page of the key tab. */
  ceremony: { entry: 'src/content/ceremony.ts', file: 'content/ceremony.js' },
  /** Guided mode: drives Microsoft's sign-in and Security info pages. */
  guided: { entry: 'src/content/guided/main.ts', file: 'content/guided.js' },
} as const;

export type ContentScript = keyof typeof CONTENT_SCRIPTS;
