/**
 * The session rules that ask Microsoft's pages in the guided job's tab for English: evaluated here with a small
 * model of declarativeNetRequest matching (tab, domain, method, resource type, urlFilter, priority, allow vs redirect).
 */
import { describe, expect, it } from 'vitest';
import { PAGE_LANGUAGE_RULE_IDS, pageLanguageRules } from '../../src/background/jobs/page-language';

interface Req {
  url: string;
  tabId: number;
  method?: string;
  type?: string;
}
type Rule = ReturnType<typeof pageLanguageRules>[number];

function filterMatches(filter: string | undefined, url: string): boolean {
  if (!filter) return true;
  return filter.startsWith('|') ? url.startsWith(filter.slice(1)) : url.includes(filter);
}

function applies(rule: Rule, r: Req): boolean {
  const c = rule.condition;
  const host = new URL(r.url).hostname;
  return (
    (!c.tabIds || c.tabIds.includes(r.tabId)) &&
    (!c.requestDomains || c.requestDomains.includes(host)) &&
    (!c.requestMethods || (c.requestMethods as string[]).includes((r.method ?? 'get').toLowerCase())) &&
    (!c.resourceTypes || (c.resourceTypes as string[]).includes(r.type ?? 'main_frame')) &&
    filterMatches(c.urlFilter, r.url)
  );
}

/** The URL the browser ends up requesting and the Accept-Language it sends (undefined: the browser's own). */
function evaluate(rules: Rule[], r: Req): { url: string; acceptLanguage?: string } {
  const hits = rules.filter((rule) => applies(rule, r));
  const top = hits
    .filter((h) => h.action.type === 'allow' || h.action.type === 'redirect')
    .sort((a, b) => (b.priority ?? 1) - (a.priority ?? 1))[0];
  let url = r.url;
  if (top?.action.type === 'redirect') {
    const u = new URL(url);
    for (const p of top.action.redirect!.transform!.queryTransform!.addOrReplaceParams!)
      u.searchParams.set(p.key, p.value);
    url = u.href;
  }
  const header = hits.find(
    (h) => h.action.type === 'modifyHeaders' && (h.priority ?? 1) > (top?.action.type === 'allow' ? top.priority! : 0),
  );
  return { url, acceptLanguage: header?.action.requestHeaders?.[0]?.value };
}

const TAB = 42;
const rules = pageLanguageRules(TAB);
const AUTHORIZE =
  'https://login.microsoftonline.com/7f3c/oauth2/v2.0/authorize?client_id=19db86c3&redirect_uri=https%3A%2F%2Fmysignins.microsoft.com';

describe('page language rules', () => {
  it('use fixed ids (a new job replaces the last set) and every rule is limited to the job\u2019s tab', () => {
    expect(rules.map((r) => r.id)).toEqual([...PAGE_LANGUAGE_RULE_IDS]);
    for (const r of rules) expect(r.condition.tabIds).toEqual([TAB]);
  });

  it('add mkt=en-US to the authorize request and lng=en to Security info, once', () => {
    const a = evaluate(rules, { url: AUTHORIZE, tabId: TAB });
    expect(new URL(a.url).searchParams.get('mkt')).toBe('en-US');
    expect(new URL(a.url).searchParams.get('client_id')).toBe('19db86c3');
    expect(a.acceptLanguage).toBe('en-US,en;q=0.9');
    expect(evaluate(rules, { url: a.url, tabId: TAB }).url).toBe(a.url); // no loop
    const s = evaluate(rules, { url: 'https://mysignins.microsoft.com/security-info', tabId: TAB });
    expect(s.url).toBe('https://mysignins.microsoft.com/security-info?lng=en');
    expect(evaluate(rules, { url: s.url, tabId: TAB }).url).toBe(s.url);
  });

  it('leave other tabs, form POSTs (the passkey postback, the TAP sign-in) and scripts alone', () => {
    expect(evaluate(rules, { url: AUTHORIZE, tabId: 7 })).toEqual({ url: AUTHORIZE });
    const post = 'https://mysignins.microsoft.com/api/post/newfido?mysignins-region=x';
    expect(evaluate(rules, { url: post, tabId: TAB, method: 'post' }).url).toBe(post);
    const login = 'https://login.microsoftonline.com/common/login';
    const r = evaluate(rules, { url: login, tabId: TAB, method: 'post' });
    expect(r.url).toBe(login);
    expect(r.acceptLanguage).toBe('en-US,en;q=0.9'); // the POSTed pages still get English by header
    expect(evaluate(rules, { url: AUTHORIZE, tabId: TAB, type: 'script' }).url).toBe(AUTHORIZE);
  });

  it('ask for another language when told', () => {
    const fr = pageLanguageRules(TAB, 'fr-FR');
    expect(new URL(evaluate(fr, { url: AUTHORIZE, tabId: TAB }).url).searchParams.get('mkt')).toBe('fr-FR');
  });
});
