/**
 * Automatic mode, on https://{rp.id}: creates the passkey with the connected key using the options the
 * service worker got from Graph, under an overlay. Does nothing at all unless the service worker says
 * this tab belongs to a running job.
 */
import { send } from '../shared/messaging';
import type { AppErrorData } from '../shared/errors';
import { Overlay } from './overlay';

async function main() {
  const ctx = await send('ceremony.hello', { role: 'automatic' }).catch(() => null);
  if (!ctx) return;
  const overlay = new Overlay();
  const view = { title: 'Create the passkey', user: `${ctx.userDisplayName} · ${ctx.userPrincipalName}`, cover: true };
  overlay.show({ ...view, tone: 'key', message: ctx.prompt });
  let credential: unknown;
  let error: AppErrorData | undefined;
  try {
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(ctx.publicKey as PublicKeyCredentialCreationOptionsJSON);
    const cred = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential | null;
    if (!cred) throw new DOMException('No credential was created.', 'NotAllowedError');
    credential = cred.toJSON();
    overlay.show({ ...view, message: 'Key answered. Registering the passkey with Microsoft\u2026' });
  } catch (e) {
    const name = e instanceof DOMException || e instanceof Error ? e.name : 'Error';
    error = { code: `webauthn:${name}`, message: e instanceof Error ? e.message : String(e) };
    overlay.show({ ...view, tone: 'error', message: 'The key did not create a passkey. See the extension for what to do next.' });
  }
  await send('ceremony.result', { jobId: ctx.jobId, credential, error });
}

void main();
