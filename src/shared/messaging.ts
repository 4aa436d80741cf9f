/** Sending side of the protocol: one function, typed by request name; rejects with AppError on failure. */
import browser from 'webextension-polyfill';
import { AppError } from './errors';
import { t } from './i18n';
import { CHANNEL, type Envelope, type Reply, type RequestType, type Requests } from './protocol';

export async function send<K extends RequestType>(type: K, payload: Requests[K]['req']): Promise<Requests[K]['res']> {
  const envelope: Envelope<K> = { channel: CHANNEL, type, payload };
  let reply: Reply<Requests[K]['res']> | undefined;
  try {
    reply = (await browser.runtime.sendMessage(envelope)) as Reply<Requests[K]['res']> | undefined;
  } catch (e) {
    throw new AppError({
      code: 'extension-unreachable',
      message: t('errExtensionUnreachable'),
      reason: e instanceof Error ? e.message : String(e),
      action: t('errExtensionUnreachableAction'),
    });
  }
  if (!reply)
    throw new AppError({
      code: 'no-reply',
      message: t('errNoReply', type),
      action: t('errNoReplyAction'),
    });
  if (!reply.ok) throw new AppError(reply.error);
  return reply.value;
}
