/** Sending side of the protocol: one function, typed by request name; rejects with AppError on failure. */
import browser from 'webextension-polyfill';
import { AppError } from './errors';
import { CHANNEL, type Envelope, type Reply, type RequestType, type Requests } from './protocol';

export async function send<K extends RequestType>(type: K, payload: Requests[K]['req']): Promise<Requests[K]['res']> {
  const envelope: Envelope<K> = { channel: CHANNEL, type, payload };
  let reply: Reply<Requests[K]['res']> | undefined;
  try {
    reply = (await browser.runtime.sendMessage(envelope)) as Reply<Requests[K]['res']> | undefined;
  } catch (e) {
    throw new AppError({
      code: 'extension-unreachable',
      message: 'The extension\u2019s background service did not answer.',
      reason: e instanceof Error ? e.message : String(e),
      action: 'Close and reopen this window. If it keeps happening, reload the extension from the Extensions page.',
    });
  }
  if (!reply)
    throw new AppError({
      code: 'no-reply',
      message: `No answer to "${type}".`,
      action: 'Reload the extension and try again.',
    });
  if (!reply.ok) throw new AppError(reply.error);
  return reply.value;
}
