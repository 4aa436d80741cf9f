/**
 * The fake pages' variant matrix for unit tests: any view × look × language as a happy-dom Document (page scripts
 * not run), plus the matrix lists. Recogniser tests iterate `allRenderings()`; see test/fake-cloud/pages/variants.ts.
 */
import { Window } from 'happy-dom';
import { allRenderings, renderVariant, type Rendering } from '../../fake-cloud/pages/variants.ts';

export * from '../../fake-cloud/pages/variants.ts';

/** Loads HTML into a fresh happy-dom window at `url` (inline scripts are not run, styles apply). */
export function loadDocument(html: string, url: string): Document {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true } });
  window.document.write(html);
  return window.document as unknown as Document;
}

/** A rendering loaded into a Document, with its URL. */
export function documentOf(r: Rendering): { doc: Document; url: URL } {
  return { doc: loadDocument(r.html, r.view.url), url: new URL(r.view.url) };
}

/** Renders and loads one view × look × language. */
export function loadVariant(...args: Parameters<typeof renderVariant>): { doc: Document; url: URL; r: Rendering } {
  const r = renderVariant(...args);
  return { ...documentOf(r), r };
}

export { allRenderings };
