/** Drives the offscreen auth host from the service worker: creates it on demand and sends it requests. */
import { t } from '../../shared/i18n';
import {
  AUTH_HOST_CHANNEL,
  type AuthHostEnvelope,
  type AuthHostReply,
  type AuthHostRequest,
} from '../../shared/auth-host-protocol';

const AUTH_HOST_PATH = 'src/auth-host/index.html';
let creating: Promise<void> | null = null;

async function hasAuthHost(): Promise<boolean> {
  const url = chrome.runtime.getURL(AUTH_HOST_PATH);
  const contexts = await chrome.runtime.getContexts({
    contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [url],
  });
  return contexts.length > 0;
}

export async function authHostExists(): Promise<boolean> {
  return hasAuthHost();
}

async function ensureAuthHost(): Promise<void> {
  if (await hasAuthHost()) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: AUTH_HOST_PATH,
      reasons: [chrome.offscreen.Reason.LOCAL_STORAGE],
      justification:
        'Runs the Microsoft Authentication Library (MSAL), which needs window and sessionStorage; the service worker has neither.', // i18n-exempt for the browser, never shown to the admin
    })
    .finally(() => (creating = null));
  await creating;
}

export class AuthHostError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
    readonly subError?: string,
  ) {
    super(message);
  }
}

export async function callAuthHost<T>(request: AuthHostRequest): Promise<T> {
  await ensureAuthHost();
  const envelope: AuthHostEnvelope = { channel: AUTH_HOST_CHANNEL, request };
  const reply = (await chrome.runtime.sendMessage(envelope)) as AuthHostReply | undefined;
  if (!reply) throw new AuthHostError('auth_host_unreachable', t('errSignInHostNoAnswer'));
  if (!reply.ok) throw new AuthHostError(reply.error.errorCode, reply.error.message, reply.error.subError);
  return reply.value as T;
}
