/** Decisions for Microsoft's sign-in pages and the fido/create page (login hosts). */
import { send } from '../../shared/messaging';
import type { GuidedContext } from '../../shared/protocol';
import type { Decision } from './driver';
import { click, fill } from './actions';
import { recogniseSignIn, type TapError } from './signin-views';

const AGAIN = 'Click "Provision passkey" to start again: a new pass is created.';

export const TAP_ERRORS: Record<TapError, { message: string; action: string }> = {
  'tap-expired': {
    message: 'Microsoft says the Temporary Access Pass has expired.',
    action: AGAIN,
  },
  'tap-blocked': {
    message: 'Microsoft blocked sign-in with the Temporary Access Pass ("blocked due to User Credential Policy").',
    action:
      'The pass was already used, or the user is outside the Temporary Access Pass policy, or the policy allows only one-time passes. Check the policy in the Entra admin center (Authentication methods → Temporary Access Pass), then start again.',
  },
  'tap-invalid': {
    message: 'Microsoft did not accept the Temporary Access Pass (incorrect, or not valid yet), even after retrying.',
    action:
      'A new pass can take a minute to work on every Microsoft server. Start again in a minute; if it happens again, check the user\u2019s Temporary Access Pass in the Entra admin center (user → Authentication methods: is it there, and has its start time passed?).',
  },
  'tap-rejected': {
    message: 'Microsoft refused the Temporary Access Pass, even after retrying.',
    action: `The page\u2019s message is below. ${AGAIN}`,
  },
};

/** The real text "Passkey not registered. This might be due to a timeout, a canceled request or a private browsing window." */
export const PASSKEY_NOT_REGISTERED = {
  code: 'guided:passkey-not-registered',
  message:
    'Microsoft says the passkey was not registered: the key prompt timed out or was cancelled, or the window is private.',
  action:
    'Start again and touch the key as soon as the browser asks (insert it first). If it happens again in an InPrivate/Incognito window, turn off "Allow in InPrivate/Incognito" for the extension so guided mode uses a normal window, or use Automatic mode.',
};

let passwordRetries = 0;

async function typeTap(input: HTMLInputElement, submit: HTMLElement | null, jobId: string): Promise<boolean> {
  const { tap } = await send('guided.tap', { jobId });
  fill(input, tap);
  if (!submit) return false;
  click(submit);
  return true;
}

/** The pass was refused: wrong or not valid yet → sign in again (the service worker backs off and bounds the
 * attempts), then report; expired or blocked → report at once (another attempt cannot help). */
function tapRefused(ctx: GuidedContext, kind: TapError, reason: string | undefined): Decision {
  const e = TAP_ERRORS[kind];
  const fail = { code: `guided:${kind}`, message: e.message, reason, action: e.action };
  if (kind === 'tap-expired' || kind === 'tap-blocked') return { key: `tap-error:${kind}`, say: e.message, fail };
  return {
    key: `tap-retry:${kind}`,
    say: 'Microsoft did not accept the pass yet; signing in again in a moment.',
    act: async () =>
      (await send('guided.retrySignIn', { jobId: ctx.jobId }).catch(() => false)) ||
      (await send('guided.fail', { jobId: ctx.jobId, error: fail }).then(() => false)),
  };
}

export function decideLogin(ctx: GuidedContext, showPass: () => void): Decision | null {
  const v = recogniseSignIn(document, new URL(location.href));
  const upn = ctx.user.userPrincipalName;
  const passButton = { label: 'Show pass', onClick: showPass };
  switch (v.kind) {
    case 'picker': {
      const tile = v.tile(upn);
      const target = tile ?? v.useAnother;
      return {
        key: `picker:${tile ? 'tile' : 'other'}`,
        say: tile ? `Choosing ${upn}.` : 'Choosing "Use another account".',
        target,
        act: () => (target ? click(target) : false),
      };
    }
    case 'username':
      if (v.error)
        return {
          key: 'username-error',
          say: v.error,
          fail: {
            code: 'guided:username',
            message: `Microsoft did not accept the user name ${upn}.`,
            reason: v.error,
            action: 'Check that the account exists and can sign in, then start again.',
          },
        };
      return {
        key: 'username',
        say: `Entering ${upn}.`,
        reached: 'signin',
        target: v.input,
        act: () => {
          fill(v.input, upn);
          if (!v.next) return false;
          click(v.next);
        },
      };
    case 'tap':
      // The view shows an error only after a pass was submitted (each submit loads a new page, so no local count).
      if (v.errorKind) return tapRefused(ctx, v.errorKind, v.error);
      return {
        key: 'tap',
        say: 'Entering the Temporary Access Pass.',
        target: v.input,
        actions: [passButton],
        act: () => typeTap(v.input, v.submit, ctx.jobId),
      };
    case 'password':
      if (v.errorKind) return tapRefused(ctx, v.errorKind, v.error);
      if (v.useTap)
        return {
          key: 'password:use-tap',
          say: 'Switching to the Temporary Access Pass.',
          target: v.useTap,
          act: () => click(v.useTap!),
        };
      // A brand-new pass may not be offered yet: start the sign-in again (bounded), then guide.
      return {
        key: `password:${passwordRetries}`,
        say: 'Microsoft asks for a password instead of the pass; signing in again in a moment.',
        actions: [passButton],
        act: async () => {
          passwordRetries++;
          return send('guided.retrySignIn', { jobId: ctx.jobId }).catch(() => false);
        },
      };
    case 'passwordless':
      return {
        key: 'passwordless',
        say: 'Microsoft offers another way to sign in first; choosing "Use your password instead" to reach the pass.',
        target: v.usePassword,
        act: () => (v.usePassword ? click(v.usePassword) : false),
      };
    case 'nudge':
      return {
        key: 'nudge',
        say: v.skip
          ? 'Skipping Microsoft\u2019s "Sign in faster" suggestion: the passkey is added through Security info.'
          : 'Microsoft suggests setting up a passkey now. Select "Skip for now" (the passkey is added through Security info).',
        target: v.skip,
        act: v.skip ? () => click(v.skip!) : undefined,
      };
    case 'passkey-not-registered':
      return {
        key: 'passkey-not-registered',
        say: PASSKEY_NOT_REGISTERED.message,
        fail: { ...PASSKEY_NOT_REGISTERED, reason: v.message },
      };
    case 'kmsi':
      return {
        key: 'kmsi',
        say: 'Answering "No" to "Stay signed in?": the session belongs to the user.',
        target: v.no,
        act: () => (v.no ? click(v.no) : false),
      };
    case 'proofup':
      // "More information required": Next leads on to My Sign-ins, where Security info adds the passkey.
      return {
        key: 'proofup',
        say: 'Microsoft asks for more information; continuing to Security info.',
        reached: 'signin',
        target: v.next,
        act: () => (v.next ? click(v.next) : false),
      };
    case 'mfa':
      return {
        key: 'mfa',
        say: 'Microsoft asks for multifactor authentication instead of accepting the pass.',
        fail: {
          code: 'guided:mfa',
          message: 'Microsoft asked for multifactor authentication instead of the Temporary Access Pass.',
          action:
            'Check that the user is in the Temporary Access Pass policy and that no Conditional Access policy requires another method.',
        },
      };
    case 'conditional-access':
      return {
        key: 'ca',
        say: 'Conditional Access interrupted the sign-in.',
        fail: {
          code: 'guided:conditional-access',
          message: 'Conditional Access blocked or interrupted the user\u2019s sign-in.',
          action:
            'Check the Conditional Access policies that apply to the user (e.g. require a compliant device), or use Automatic mode.',
        },
      };
    case 'fido-create':
      return {
        key: 'fido-create',
        say: `Insert the key for ${ctx.user.displayName} and touch it. Enter or set its PIN if the browser asks; choose "Allow" if it asks about extended information.`,
        reached: 'key',
        tone: 'key',
        target: v.next,
        act: () => (v.next ? click(v.next) : false),
      };
    case 'signed-out':
      return { key: 'signed-out', say: 'Signed out.' };
    case 'error':
      if (v.errorKind) return tapRefused(ctx, v.errorKind, v.message);
      return { key: `error:${v.message}`, say: `Microsoft shows an error: "${v.message}"` };
    case 'unknown':
      return null;
  }
}
