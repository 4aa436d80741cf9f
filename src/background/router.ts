/**
 * Receiving side of the protocol: a handler map keyed by request type. Every handler declares who may call
 * it; the sender is checked before the handler runs, and errors go back as data (AppErrorData).
 */
import { AppError } from '../shared/errors';
import { t } from '../shared/i18n';
import { isEnvelope, type ContentRequests, type PageRequests, type Reply, type Requests } from '../shared/protocol';

export type Sender = chrome.runtime.MessageSender;

type PageHandler<K extends keyof PageRequests> = (
  payload: PageRequests[K]['req'],
  sender: Sender,
) => Promise<PageRequests[K]['res']>;
type ContentHandler<K extends keyof ContentRequests> = (
  payload: ContentRequests[K]['req'],
  sender: Sender & { tab: chrome.tabs.Tab },
) => Promise<ContentRequests[K]['res']>;

const pageHandlers: Partial<{ [K in keyof PageRequests]: PageHandler<K> }> = {};
const contentHandlers: Partial<{ [K in keyof ContentRequests]: { hosts: string[]; handle: ContentHandler<K> } }> = {};

export function onPage<K extends keyof PageRequests>(type: K, handler: PageHandler<K>) {
  (pageHandlers as Record<string, unknown>)[type] = handler;
}

/** Content requests are accepted only from the top frame of a page on one of `hosts` (https). */
export function onContent<K extends keyof ContentRequests>(type: K, hosts: string[], handle: ContentHandler<K>) {
  (contentHandlers as Record<string, unknown>)[type] = { hosts, handle };
}

export function isExtensionPage(sender: Sender): boolean {
  const origin = chrome.runtime.getURL('');
  return sender.id === chrome.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(origin);
}

export function isContentFrom(sender: Sender, hosts: string[]): sender is Sender & { tab: chrome.tabs.Tab } {
  if (sender.id !== chrome.runtime.id || !sender.tab?.id || sender.frameId !== 0 || !sender.url) return false;
  const url = new URL(sender.url);
  return url.protocol === 'https:' && hosts.includes(url.hostname);
}

const refused = (type: string) => new AppError({ code: 'sender-refused', message: t('errSenderRefused', type) });

async function dispatch(message: unknown, sender: Sender): Promise<Reply<unknown>> {
  if (!isEnvelope(message)) return { ok: false, error: { code: 'bad-message', message: t('errUnknownMessage') } };
  const type = message.type as keyof Requests;
  try {
    const page = (pageHandlers as Record<string, PageHandler<keyof PageRequests>>)[type];
    if (page) {
      if (!isExtensionPage(sender)) throw refused(type);
      return { ok: true, value: await page(message.payload as never, sender) };
    }
    const content = (
      contentHandlers as Record<string, { hosts: string[]; handle: ContentHandler<keyof ContentRequests> }>
    )[type];
    if (content) {
      if (!isContentFrom(sender, content.hosts)) throw refused(type);
      return { ok: true, value: await content.handle(message.payload as never, sender) };
    }
    throw new AppError({ code: 'unknown-request', message: t('errUnknownRequest', type) });
  } catch (e) {
    return { ok: false, error: AppError.from(e).toJSON() };
  }
}

/** Registered synchronously at the top level of the service worker, as MV3 requires. */
export function listen() {
  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!isEnvelope(message)) return false; // e.g. auth-host traffic
    dispatch(message, sender).then(sendResponse);
    return true;
  });
}
