/** Small DOM helpers for the recognisers: visibility (the hidden `passwd` trap), accessible text, lookups. */

export function isVisible(el: Element | null | undefined): el is HTMLElement {
  if (!el || !(el as HTMLElement).isConnected) return false;
  if (el.closest('[hidden],[aria-hidden="true"],.moveOffScreen')) return false;
  for (let e: Element | null = el; e; e = e.parentElement) {
    const style = e.ownerDocument.defaultView?.getComputedStyle(e);
    if (style && (style.display === 'none' || style.visibility === 'hidden')) return false;
  }
  if ((el as HTMLInputElement).type === 'hidden') return false;
  return true;
}

export const textOf = (el: Element | null | undefined) =>
  (el
    ? (el as HTMLInputElement).value && /^(submit|button)$/i.test((el as HTMLInputElement).type)
      ? (el as HTMLInputElement).value
      : (el.textContent ?? '')
    : ''
  )
    .replace(/\s+/g, ' ')
    .trim();

/** The accessible name, as far as a content script can tell without the accessibility tree. */
export function nameOf(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return label.trim();
  const by = el.getAttribute('aria-labelledby');
  if (by)
    return by
      .split(/\s+/)
      .map((id) => textOf(el.ownerDocument.getElementById(id)))
      .join(' ')
      .trim();
  return textOf(el);
}

export function visible<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | null {
  for (const el of root.querySelectorAll<T>(selector)) if (isVisible(el)) return el;
  return null;
}

export function allVisible<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  return [...root.querySelectorAll<T>(selector)].filter((el) => isVisible(el));
}

const CLICKABLE =
  'button, [role=button], a, input[type=submit], input[type=button], [role=option], [role=menuitem], [role=link], [role=listitem][tabindex], div[tabindex]';

/** First visible clickable element whose accessible name passes `test`. */
export function clickableNamed(root: ParentNode, test: (name: string) => boolean): HTMLElement | null {
  for (const el of allVisible(root, CLICKABLE)) if (test(nameOf(el))) return el;
  return null;
}

/** Headings (role or tag), visible, top first. */
export function headings(root: ParentNode): string[] {
  return allVisible(root, '[role=heading], h1, h2, h3, .text-title').map(textOf).filter(Boolean);
}

/** The page language: <html lang>, then $Config's locale if present. */
export function pageLang(doc: Document): string {
  return doc.documentElement.lang || /"lng"\s*:\s*"([a-z-]+)"/i.exec(configScript(doc))?.[1] || 'en';
}

/** The inline `$Config={…}` script of Entra's sign-in pages (read as text: the isolated world cannot see page globals). */
export function configScript(doc: Document): string {
  for (const s of doc.querySelectorAll('script:not([src])'))
    if (s.textContent?.includes('$Config')) return s.textContent;
  return '';
}

export function configValue(doc: Document, key: string): string | undefined {
  return new RegExp(`"${key}"\\s*:\\s*"([^"]*)"`).exec(configScript(doc))?.[1];
}
