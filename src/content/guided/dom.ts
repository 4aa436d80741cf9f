/**
 * What the recognisers see of a page: roles and accessible names as the browser computes them (W3C accname, via
 * dom-accessibility-api), text folded so that icons, private-use glyphs, odd spaces and apostrophes do not matter,
 * and visibility strict enough for Entra's off-screen password trap (reference §10.2.4).
 */
import { computeAccessibleDescription, computeAccessibleName, getRole } from 'dom-accessibility-api';

/** Private-use glyphs (Fluent MDL2 icon fonts put them in buttons as text), zero-width and soft-hyphen characters. */
const INVISIBLE = /[\uE000-\uF8FF\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/** Folds what differs between renderings of the same words: glyphs, spaces, apostrophes, dashes, ellipses. */
export const fold = (s: string | null | undefined) =>
  (s ?? '')
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/[\u2018\u2019\u02BC\u00B4`]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/\s+/g, ' ')
    .trim();

/** Computed styles and named controls for the duration of one recognition pass (`withStyleCache`): a pass asks
 * for the same ones many times. */
let styles: WeakMap<Element, CSSStyleDeclaration> | null = null;
let named: WeakMap<ParentNode, [HTMLElement, string[]][]> | null = null;

export function withStyleCache<T>(fn: () => T): T {
  const outer = [styles, named] as const;
  styles ??= new WeakMap();
  named ??= new WeakMap();
  try {
    return fn();
  } finally {
    [styles, named] = outer;
  }
}

function styleOf(el: Element): CSSStyleDeclaration | undefined {
  const cached = styles?.get(el);
  if (cached) return cached;
  const style = el.ownerDocument.defaultView?.getComputedStyle(el);
  if (style) styles?.set(el, style);
  return style;
}

/** accname options: our style cache; CSS-generated content is left out (icon fonts put glyphs there). */
const ACCNAME = {
  getComputedStyle: (el: Element) => styleOf(el) ?? ({ getPropertyValue: () => '' } as unknown as CSSStyleDeclaration),
  computedStyleSupportsPseudoElements: false,
};

/** Rendered and reachable by a person: not hidden, not aria-hidden, not moved off screen, not a hidden input. */
export function isVisible(el: Element | null | undefined): el is HTMLElement {
  if (!el || !(el as HTMLElement).isConnected) return false;
  if (el.closest('[hidden],[aria-hidden="true"],.moveOffScreen,[inert]')) return false;
  if ((el as HTMLInputElement).type === 'hidden') return false;
  for (let e: Element | null = el; e; e = e.parentElement) {
    const style = styleOf(e);
    if (!style) continue;
    if (style.display === 'none' || style.visibility === 'hidden') return false;
    if (offScreen(style)) return false;
  }
  // With layout (a real browser), a box entirely above or left of the page is off screen whatever moved it.
  const r = (el as HTMLElement).getBoundingClientRect?.();
  if (r && (r.width || r.height) && (r.right <= 0 || r.bottom <= -r.height - 100)) return false;
  return true;
}

/** `position:absolute; left:-10000px` and similar "visually hidden" styles (they pass naive visibility checks). */
function offScreen(style: CSSStyleDeclaration): boolean {
  if (style.position !== 'absolute' && style.position !== 'fixed') return false;
  const far = (v: string) => /^-\d{3,}/.test(v) && parseFloat(v) <= -999;
  if (far(style.left) || far(style.top) || far(style.right) || far(style.marginLeft)) return true;
  return /rect\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\)/.test(style.clip) && /^[01]px$/.test(style.width);
}

/** A field a person could type into: visible and neither taken out of the tab order nor hidden from assistive tech. */
export const isUsableField = (el: Element | null | undefined): el is HTMLInputElement =>
  isVisible(el) && el.getAttribute('tabindex') !== '-1' && !(el as HTMLInputElement).disabled;

/** The element's role: explicit first token, else the implicit role of its tag. */
export function roleOf(el: Element): string {
  return el.getAttribute('role')?.trim().split(/\s+/)[0]?.toLowerCase() || getRole(el) || '';
}

/** The accessible name, folded (accname: aria-labelledby, aria-label, label, content; aria-hidden excluded). */
export function accName(el: Element): string {
  try {
    return fold(computeAccessibleName(el, ACCNAME));
  } catch {
    return fold(el.getAttribute('aria-label'));
  }
}

export function accDescription(el: Element): string {
  try {
    return fold(computeAccessibleDescription(el, ACCNAME));
  } catch {
    return '';
  }
}

const INLINE = /^(A|ABBR|B|BDI|BDO|CODE|EM|FONT|I|LABEL|MARK|Q|S|SMALL|SPAN|STRONG|SUB|SUP|TIME|U)$/;

/**
 * Visible text of an element and of each element inside it ("blocks"), aria-hidden and hidden subtrees skipped.
 * A method row holds its name, a description and perhaps a "Recommended" tag as separate blocks: a name is matched
 * against one block exactly, never against the row's concatenated text.
 */
export function textBlocks(el: Element): string[] {
  const blocks: string[] = [];
  const walk = (node: Element): string => {
    if (node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('hidden')) return '';
    const style = styleOf(node);
    if (style && (style.display === 'none' || style.visibility === 'hidden')) return '';
    if (node instanceof HTMLInputElement) return /^(submit|button|reset)$/i.test(node.type) ? node.value : ''; // never a typed value
    if (node.tagName === 'IMG') return node.getAttribute('alt') ?? '';
    let all = '';
    let own = '';
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        all += child.textContent;
        own += child.textContent;
      } else if (child.nodeType === 1) {
        const t = walk(child as Element);
        all += INLINE.test((child as Element).tagName) ? t : ` ${t} `;
        own += ' ';
      }
    }
    const o = fold(own);
    if (o) blocks.push(o);
    return all;
  };
  const whole = fold(walk(el));
  if (whole) blocks.push(whole);
  return [...new Set(blocks)];
}

/**
 * Name a person would read: the accessible name when the author gave one (aria-label/labelledby), else the visible
 * text (what accname computes from content, and the only name for roles that get none from content), else the rest
 * of accname (title, alt…). Cheaper than always running the full computation.
 */
export function nameOf(el: Element): string {
  if (el.hasAttribute('aria-labelledby') || el.hasAttribute('aria-label')) return accName(el);
  return textBlocks(el).at(-1) ?? accName(el);
}

/** Visible text of an element (aria-hidden and glyphs excluded). */
export const textOf = (el: Element | null | undefined) => (el ? (textBlocks(el).at(-1) ?? '') : '');

export function visible<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | null {
  for (const el of root.querySelectorAll<T>(selector)) if (isVisible(el)) return el;
  return null;
}

export function allVisible<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  return [...root.querySelectorAll<T>(selector)].filter((el) => isVisible(el));
}

/** What a person can activate: buttons, links, options, menu items, list items (method rows), focusable widgets. */
const CONTROL =
  'button, a, input[type=submit], input[type=button], [role=button], [role=link], [role=option], [role=menuitem], [role=menuitemradio], [role=radio], [role=tab], [role=listitem], li, [tabindex]:not([tabindex="-1"])';
const CONTROL_ROLES = new Set([
  'button',
  'link',
  'option',
  'menuitem',
  'menuitemradio',
  'radio',
  'tab',
  'listitem',
  'treeitem',
  'gridcell',
]);

/**
 * Names a control answers to: with aria-label/aria-labelledby its accessible name (and each labelling element's
 * text); otherwise its own text blocks, which is what accname computes from content, block by block; the full
 * accname computation (title, alt…) only when it has no text at all (it is by far the slowest part).
 */
function namesOf(el: Element): string[] {
  const by = el.getAttribute('aria-labelledby');
  const names: string[] = [];
  if (by || el.hasAttribute('aria-label')) names.push(accName(el));
  if (by)
    for (const id of by.split(/\s+/)) {
      const ref = el.ownerDocument.getElementById(id);
      if (ref) names.push(...textBlocks(ref));
    }
  else if (!el.hasAttribute('aria-label')) {
    names.push(...textBlocks(el));
    if (!names.length) names.push(accName(el));
  }
  return names.filter(Boolean);
}

/**
 * Visible controls whose name passes `test`, innermost first (a list item holding a matching button yields the
 * button). Links and buttons only by their own words: a control is never matched by a description it carries.
 */
export function controlsNamed(root: ParentNode, test: (name: string) => boolean): HTMLElement[] {
  let controls = named?.get(root);
  if (!controls) {
    controls = allVisible(root, CONTROL)
      .filter((el) => CONTROL_ROLES.has(roleOf(el)) || el.matches('[tabindex]'))
      .filter((el) => !(el as HTMLButtonElement).disabled && el.getAttribute('aria-disabled') !== 'true')
      .map((el) => [el, namesOf(el)]);
    named?.set(root, controls);
  }
  const found = controls.filter(([, names]) => names.some(test)).map(([el]) => el);
  return found.filter((el) => !found.some((other) => other !== el && el.contains(other)));
}

export const clickableNamed = (root: ParentNode, test: (name: string) => boolean): HTMLElement | null =>
  controlsNamed(root, test)[0] ?? null;

/** Headings (role or tag) and, for the topmost dialog, its accessible name; visible, top first. */
export function headings(root: ParentNode): string[] {
  return allVisible(root, '[role=heading], h1, h2, h3, h4, .text-title, [data-testid=title]')
    .map(nameOf)
    .filter(Boolean);
}

/** The open dialog on top: role=dialog/alertdialog, an aria-modal container or an open <dialog>. */
export function topDialog(doc: Document): HTMLElement | null {
  const all = allVisible(doc, '[role=dialog], [role=alertdialog], [aria-modal=true], dialog[open], .ms-Dialog-main');
  // Nested matches (a Fluent wrapper and its dialog surface): keep the innermost.
  const inner = all.filter((d) => !all.some((o) => o !== d && d.contains(o)));
  return inner.find((d) => d.getAttribute('aria-modal') === 'true') ?? inner.at(-1) ?? null;
}

/** The inline `$Config={…}` script of Entra's sign-in pages (read as text: the isolated world cannot see page globals). */
export function configScript(doc: Document): string {
  for (const s of doc.querySelectorAll('script:not([src])'))
    if (s.textContent?.includes('$Config')) return s.textContent;
  return '';
}

export function configValue(doc: Document, key: string): string | undefined {
  return new RegExp(`"?${key}"?\\s*:\\s*"([^"]*)"`).exec(configScript(doc))?.[1];
}

export const meta = (doc: Document, name: string) =>
  doc.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content.trim() || undefined;

/** Windows LCIDs Microsoft's sign-in pages use in `meta[name=LocLC]` / `$Config.locale.lcid`. */
const LCIDS: Record<string, string> = {
  1033: 'en',
  2057: 'en',
  1031: 'de',
  3079: 'de',
  2055: 'de',
  1036: 'fr',
  3084: 'fr',
  1034: 'es',
  3082: 'es',
  2058: 'es',
  1041: 'ja',
  1040: 'it',
  1046: 'pt-br',
  2070: 'pt-pt',
  1043: 'nl',
  2067: 'nl',
  1045: 'pl',
  1029: 'cs',
  1053: 'sv',
  1030: 'da',
  1044: 'nb',
  1035: 'fi',
  1049: 'ru',
  1055: 'tr',
  2052: 'zh-cn',
  1028: 'zh-tw',
  1042: 'ko',
};

/** A language tag (`de-DE`, `pt_BR`, `1031`) as the lower-case key the text tables use (`de`, `pt-br`). */
export function normaliseLang(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  const t = tag.trim().replace('_', '-').toLowerCase();
  if (/^\d+$/.test(t)) return LCIDS[t];
  return /^[a-z]{2,3}(-[a-z0-9]+)*$/.test(t) ? t : undefined;
}

/**
 * The language the page is really shown in: the rendered locale (`meta[name=LocLC]`), `$Config.locale` or `lng`,
 * then `<html lang>`. Unknown stays unknown (''): text tables are then not trusted, only anchors.
 */
export function pageLang(doc: Document): string {
  const config = configScript(doc);
  return (
    normaliseLang(meta(doc, 'LocLC')) ??
    normaliseLang(/"mkt"\s*:\s*"([\w-]+)"/.exec(config)?.[1]) ??
    normaliseLang(/"lcid"\s*:\s*"?(\d+)/.exec(config)?.[1]) ??
    normaliseLang(/"lng"\s*:\s*"([\w-]+)"/.exec(config)?.[1]) ??
    normaliseLang(doc.documentElement.lang) ??
    ''
  );
}
