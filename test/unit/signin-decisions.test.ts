// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://login.microsoftonline.com/common/login"}
/**
 * What the sign-in driver does with Microsoft's refusals and interrupts: a pass refused as wrong or not yet valid
 * ($Config.sErrorCode "InvalidAccessPass", or the texts) → sign in again through the service worker, then a clear
 * failure; expired or blocked → a clear failure at once; "Passkey not registered…" → a failure saying what to do;
 * the passkey nudge → "Skip for now"; a passkey-first screen → "Use your password instead".
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { GuidedContext } from '../../src/shared/protocol';
import { renderSignInView } from '../fake-cloud/pages/index.ts';

const send = vi.fn();
vi.mock('../../src/shared/messaging', () => ({ send: (...a: unknown[]) => send(...a) }));
const { decideLogin } = await import('../../src/content/guided/login-page');

const ctx: GuidedContext = {
  jobId: 'job-1',
  user: { displayName: 'Lee Gu', userPrincipalName: 'leeg@contoso.onmicrosoft.com' },
  passkeyName: 'k',
  steps: [],
  stage: 'signin',
  paused: false,
  manual: false,
};

function load(html: string) {
  document.open();
  document.write(html);
  document.close();
}
const decide = () => decideLogin(ctx, () => undefined)!;

describe('sign-in refusals and interrupts', () => {
  beforeEach(() => send.mockReset());

  it.each([
    [
      '$Config.sErrorCode InvalidAccessPass, in a language without a table',
      { config: { sErrorCode: 'InvalidAccessPass' }, error: 'Nesprávný přístupový kód.', locale: 'en' },
    ],
    [
      '130503 incorrect',
      {
        error: 'Your Temporary Access Pass is incorrect. If you don\u2019t know your pass, contact your administrator.',
      },
    ],
    ['not valid yet', { error: 'Your Temporary Access Pass is not valid yet.' }],
  ])('%s → sign in again, then fail clearly when the worker stops retrying', async (_l, opts) => {
    load(renderSignInView('tap', opts as never));
    const d = decide();
    expect(d.key).toBe('tap-retry:tap-invalid');
    expect(d.fail).toBeUndefined();
    send.mockResolvedValueOnce(true);
    expect(await d.act!()).toBe(true);
    expect(send).toHaveBeenCalledWith('guided.retrySignIn', { jobId: 'job-1' });
    send.mockReset();
    send.mockResolvedValueOnce(false).mockResolvedValueOnce(null);
    expect(await d.act!()).toBe(false);
    expect(send.mock.calls[1]![0]).toBe('guided.fail');
    expect(send.mock.calls[1]![1].error.code).toBe('guided:tap-invalid');
    expect(send.mock.calls[1]![1].error.action).toMatch(/start again in a minute/i);
  });

  it('fails at once, with what to do, for an expired or blocked pass', () => {
    load(
      renderSignInView('tap', {
        error: 'Temporary Access Pass sign in was blocked due to User Credential Policy',
      } as never),
    );
    expect(decide().fail?.code).toBe('guided:tap-blocked');
    expect(decide().fail?.action).toMatch(/policy/);
    load(renderSignInView('tap', { error: 'Your Temporary Access Pass has expired.' } as never));
    expect(decide().fail?.code).toBe('guided:tap-expired');
  });

  it('turns "Passkey not registered…" into a clear failure', () => {
    load(
      renderSignInView('tap', {
        error:
          'Passkey not registered. This might be due to a timeout, a canceled request or a private browsing window.',
      } as never),
    );
    const d = decide();
    expect(d.fail?.code).toBe('guided:passkey-not-registered');
    expect(d.fail?.message).toMatch(/timed out or was cancelled, or the window is private/);
    expect(d.fail?.action).toMatch(/InPrivate\/Incognito/);
  });

  it.each(['en', 'de', 'ja', 'pl'] as const)(
    '%s: skips the passkey nudge and leaves a passkey-first screen',
    (locale) => {
      load(renderSignInView('nudge' as never, { locale } as never));
      let d = decide();
      expect(d.key).toBe('nudge');
      expect((d.target as HTMLInputElement).value || d.target!.textContent).toBeTruthy();
      load(renderSignInView('passkeyFirst' as never, { locale } as never));
      d = decide();
      expect(d.key).toBe('passwordless');
      expect(d.act).toBeTypeOf('function');
    },
  );

  it('answers "No" to "Stay signed in?"', () => {
    load(renderSignInView('kmsi'));
    const d = decide();
    expect(d.key).toBe('kmsi');
    expect((d.target as HTMLInputElement).id).toBe('idBtn_Back');
  });
});
