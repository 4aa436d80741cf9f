/**
 * English on request for the guided job's tab (reference §10.3): Microsoft's sign-in pages honour `mkt=<ll-CC>` on
 * the authorize request (not `ui_locales`) and otherwise follow Accept-Language; My Sign-ins honours `?lng=<ll>`.
 * The extension cannot edit the authorize URL My Sign-ins builds, so declarativeNetRequest session rules limited to
 * the job's tab add the parameters and set the header. Forms Microsoft POSTs (the /login response, KMSI) keep the
 * header only; the drivers still read each page's real language and have text tables for the common ones.
 * Off when the admin chose "Show Microsoft's pages in my language".
 */
import { loadSettings } from '../settings-store';

type Rule = chrome.declarativeNetRequest.Rule;

const LOGIN_DOMAINS = ['login.microsoftonline.com', 'login.microsoft.com'];
const MYSIGNINS = 'mysignins.microsoft.com';
/** Fixed ids: installing for a new tab replaces the previous job's rules, so at most one set exists. */
export const PAGE_LANGUAGE_RULE_IDS = [7101, 7102, 7103, 7104, 7105] as const;

/**
 * The session rules that ask Microsoft's pages in `tabId` for `language` (e.g. `en-US`). Pure.
 * Redirects only GET top-level navigations (never the form POSTs that carry the passkey back), and a
 * higher-priority allow rule leaves a URL that already names a language alone (no redirect loop).
 */
export function pageLanguageRules(tabId: number, language = 'en-US'): Rule[] {
  const [header, keepMkt, addMkt, keepLng, addLng] = PAGE_LANGUAGE_RULE_IDS;
  const lng = language.split('-')[0]!;
  const nav = { tabIds: [tabId], resourceTypes: ['main_frame'], requestMethods: ['get'] } as const;
  const authorize = { ...nav, requestDomains: LOGIN_DOMAINS, urlFilter: '/authorize?' };
  const securityInfo = { ...nav, requestDomains: [MYSIGNINS], urlFilter: `|https://${MYSIGNINS}/security-info` };
  const add = (key: string, value: string) => ({
    type: 'redirect',
    redirect: { transform: { queryTransform: { addOrReplaceParams: [{ key, value }] } } },
  });
  return [
    {
      id: header,
      priority: 3,
      action: {
        type: 'modifyHeaders',
        requestHeaders: [
          {
            header: 'Accept-Language',
            operation: 'set',
            value: `${language},${lng};q=0.9`,
          },
        ],
      },
      condition: {
        tabIds: [tabId],
        requestDomains: [...LOGIN_DOMAINS, MYSIGNINS],
        resourceTypes: ['main_frame', 'sub_frame', 'xmlhttprequest'],
      },
    },
    { id: keepMkt, priority: 2, action: { type: 'allow' }, condition: { ...authorize, urlFilter: 'mkt=' } },
    { id: addMkt, priority: 1, action: add('mkt', language), condition: authorize },
    { id: keepLng, priority: 2, action: { type: 'allow' }, condition: { ...securityInfo, urlFilter: 'lng=' } },
    { id: addLng, priority: 1, action: add('lng', lng), condition: securityInfo },
  ] as unknown as Rule[]; // string literals: the enum objects do not exist outside the browser
}

/** Installs (or, when the admin wants the browser's language, removes) the rules for the guided job's tab. */
export async function applyPageLanguage(tabId: number | undefined): Promise<void> {
  if (!chrome.declarativeNetRequest?.updateSessionRules) return;
  const { settings } = await loadSettings();
  const english = tabId !== undefined && !settings.pagesInMyLanguage;
  await chrome.declarativeNetRequest
    .updateSessionRules({
      removeRuleIds: [...PAGE_LANGUAGE_RULE_IDS],
      addRules: english ? pageLanguageRules(tabId) : [],
    })
    .catch(() => undefined); // English is a convenience: the drivers read whatever language the page has
}

/** Removes the rules (the job's tab is gone or the job ended). */
export const clearPageLanguage = () => applyPageLanguage(undefined);
