/**
 * "Save page report": a structural snapshot of a Microsoft page the drivers did not recognise, for a bug report and
 * for turning into a new fake-page variant (docs/page-report.md). It keeps what recognition depends on — tags, roles,
 * accessible names, ids, data-* attribute NAMES, classes, page id and language, the URL without query values — and
 * redacts who and what: the job user's display name and UPN, any e-mail-like text, text next to it (the name beside
 * an address), long digit runs (phone numbers), and every input value. Script contents are never included.
 * Pure over a Document: unit-tested on every fake page with the fake tenant's identities and pass.
 */
import { accName, configValue, fold, isVisible, meta, pageLang, roleOf, withStyleCache } from './dom';

export interface ReportNode {
  tag: string;
  role?: string;
  name?: string;
  text?: string;
  id?: string;
  classes?: string;
  data?: string[];
  type?: string;
  /** A text field had something typed in it (never what). */
  filled?: true;
  hidden?: true;
  children?: ReportNode[];
}

export interface PageReport {
  format: 'passkey-provisioner/page-report@1';
  created: string;
  url: string;
  lang: string;
  pageId?: string;
  errorCode?: string;
  /** What the driver thought: its stage and the view it recognised ("unknown" when none). */
  context: Record<string, string>;
  tree: ReportNode;
}

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+/gu;
/** Six or more digits, maybe grouped (phone numbers); AADSTS and other letter-prefixed codes stay. */
const DIGITS = /(?<![\p{L}\d])\+?\d[\d ().-]{4,}\d(?![\p{L}\d])/gu;
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'PATH', 'LINK', 'META']);
const TEXT_INPUT = /^(text|email|password|tel|search|url|number|)$/i;
const MAX_TEXT = 200;
const MAX_NODES = 4000;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Redacts the given identities and secrets (whole, and each name part of 3+ letters), e-mails and digit runs. */
export function redactor(identities: string[], secrets: string[]): (s: string) => string {
  const parts = new Set<string>();
  for (const id of identities) {
    const f = fold(id);
    if (!f) continue;
    parts.add(f);
    for (const p of f.split(/[\s@.,_-]+/)) if (p.length >= 3) parts.add(p);
  }
  const words = [...parts].sort((a, b) => b.length - a.length).map(escapeRe);
  const idRe = words.length ? new RegExp(`(?<![\\p{L}\\p{N}])(${words.join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
  const secretList = secrets.filter((s) => s.length >= 4);
  return (input: string) => {
    let s = input;
    for (const secret of secretList) s = s.split(secret).join('[pass]');
    s = s.replace(EMAIL, '[email]');
    if (idRe) s = s.replace(idRe, '[user]');
    return s.replace(DIGITS, '[number]');
  };
}

/** The URL without query values or fragment values (keys only): canaries, hints and flow tokens stay out. */
export function redactUrl(href: string): string {
  const u = new URL(href);
  const keys = (params: URLSearchParams) => [...new Set(params.keys())].map((k) => `${k}=`).join('&');
  const hash = u.hash.startsWith('#') ? keys(new URLSearchParams(u.hash.slice(1))) : '';
  const path = u.pathname.replace(EMAIL, '[email]');
  return `${u.origin}${path}${u.search ? `?${keys(u.searchParams)}` : ''}${hash ? `#${hash}` : ''}`;
}

/** Text nodes that stand next to an e-mail address (a name above its UPN in a tile or header): redacted whole. */
function besideIdentities(doc: Document): Set<Node> {
  const near = new Set<Node>();
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!new RegExp(EMAIL.source, 'u').test(n.textContent ?? '')) continue;
    // The element holding the address and its siblings' texts; a large container only the address's own element.
    let group = n.parentElement?.parentElement ?? n.parentElement;
    if (group && (group.textContent ?? '').length > 400) group = n.parentElement;
    if (!group) continue;
    const inner = doc.createTreeWalker(group, 4);
    for (let t = inner.nextNode(); t; t = inner.nextNode()) if (fold(t.textContent).length <= 80) near.add(t);
  }
  return near;
}

export const pageReport = (...args: Parameters<typeof pageReportNow>) => withStyleCache(() => pageReportNow(...args));

function pageReportNow(
  doc: Document,
  href: string,
  who: { identities: string[]; secrets?: string[] },
  context: Record<string, string> = {},
): PageReport {
  const redact = redactor(who.identities, who.secrets ?? []);
  const near = besideIdentities(doc);
  let count = 0;
  const walk = (el: Element): ReportNode | null => {
    if (SKIP.has(el.tagName.toUpperCase()) || count++ > MAX_NODES) return null;
    const node: ReportNode = { tag: el.tagName.toLowerCase() };
    const role = roleOf(el);
    if (role && role !== 'generic') node.role = role;
    if (el.id) node.id = redact(el.id);
    const cls = el.getAttribute('class');
    if (cls) node.classes = redact(cls.trim().replace(/\s+/g, ' '));
    const data = el.getAttributeNames().filter((a) => a.startsWith('data-') || a.startsWith('aria-'));
    if (data.length) node.data = data;
    if (el instanceof HTMLInputElement) {
      node.type = el.type;
      if (TEXT_INPUT.test(el.type) && el.value) node.filled = true;
      if (!isVisible(el)) node.hidden = true;
    } else if (!isVisible(el) && el !== doc.body) node.hidden = true;
    // Names of things a person uses or reads as a title (a text field's name never includes its value).
    if (role && role !== 'generic' && role !== 'paragraph' && role !== 'presentation') {
      const name = accName(el);
      if (name) node.name = redact(name).slice(0, MAX_TEXT);
    }
    let own = '';
    for (const c of el.childNodes)
      if (c.nodeType === 3) own += near.has(c) && fold(c.textContent) ? ' [user] ' : (c.textContent ?? '');
    const text = fold(own);
    if (text) node.text = redact(text).slice(0, MAX_TEXT);
    const children = [...el.children].map(walk).filter((c): c is ReportNode => !!c);
    if (children.length) node.children = children;
    return node;
  };
  return {
    format: 'passkey-provisioner/page-report@1',
    created: new Date().toISOString(),
    url: redactUrl(href),
    lang: pageLang(doc) || 'unknown',
    pageId: meta(doc, 'PageID') ?? configValue(doc, 'pgid'),
    errorCode: configValue(doc, 'sErrorCode'),
    context,
    tree: walk(doc.body ?? doc.documentElement) ?? { tag: 'body' },
  };
}

/** Offers the report as a file download (a Blob link: no downloads permission needed). */
export function downloadReport(report: PageReport) {
  const blob = new Blob([JSON.stringify(report, null, 1)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `page-report-${new URL(location.href).hostname}-${report.created.replace(/[:.]/g, '-')}.json`;
  a.style.display = 'none';
  (document.body ?? document.documentElement).append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
