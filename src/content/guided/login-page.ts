/** Decisions for Microsoft's sign-in pages and the fido/create page (login hosts). */
import { send } from '../../shared/messaging';
import type { GuidedContext } from '../../shared/protocol';
import type { Decision } from './driver';
import { click, fill } from './actions';
import { recogniseSignIn, type TapError } from './signin-views';

const TAP_ERRORS: Record<TapError, { message: string; action: string }> = {
  'tap-expired': {
    message: 'Microsoft says the Temporary Access Pass has expired.',
    action: 'Start again: a new pass is created.',
  },
  'tap-blocked': {
    message: 'Microsoft blocked sign-in with the Temporary Access Pass (User Credential Policy).',
    action:
      'The pass was already used, or the user is outside the TAP policy, or the policy requires one-time passes. Check the TAP policy and start again.',
  },
  'tap-not-found': {
    message: 'Microsoft could not find or verify the Temporary Access Pass.',
    action: 'A new pass can take a moment to work. Start again in a minute.',
  },
  'tap-rejected': {
    message: 'Microsoft refused the Temporary Access Pass.',
    action: 'Start again; a new pass is created.',
  },
};

let passwordRetries = 0;

async function typeTap(input: HTMLInputElement, submit: HTMLElement | null, jobId: string): Promise<boolean> {
  const { tap } = await send('guided.tap', { jobId });
  fill(input, tap);
  if (!submit) return false;
  click(submit);
  return true;
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
      if (v.errorKind) {
        const e = TAP_ERRORS[v.errorKind];
        if (v.errorKind === 'tap-not-found')
          // a brand-new pass may not have reached every server yet: start over (bounded by the service worker)
          return {
            key: 'tap-not-found',
            say: `${e.message} Trying again in a few seconds.`,
            act: async () =>
              (await send('guided.retrySignIn', { jobId: ctx.jobId }).catch(() => false)) ||
              (await send('guided.fail', {
                jobId: ctx.jobId,
                error: { code: 'guided:tap-not-found', message: e.message, reason: v.error, action: e.action },
              }).then(() => false)),
          };
        return {
          key: `tap-error:${v.errorKind}`,
          say: e.message,
          fail: { code: `guided:${v.errorKind}`, message: e.message, reason: v.error, action: e.action },
        };
      }
      return {
        key: 'tap',
        say: 'Entering the Temporary Access Pass.',
        target: v.input,
        actions: [passButton],
        act: () => typeTap(v.input, v.submit, ctx.jobId),
      };
    case 'password':
      if (v.errorKind)
        return {
          key: `pw-error:${v.errorKind}`,
          say: TAP_ERRORS[v.errorKind].message,
          fail: { code: `guided:${v.errorKind}`, ...TAP_ERRORS[v.errorKind], reason: v.error },
        };
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
        say: 'Microsoft asks for a password instead of the pass; trying again in a few seconds.',
        actions: [passButton],
        act: async () => {
          passwordRetries++;
          return send('guided.retrySignIn', { jobId: ctx.jobId }).catch(() => false);
        },
      };
    case 'kmsi':
      return {
        key: 'kmsi',
        say: 'Answering "No" to "Stay signed in?": the session belongs to the user.',
        target: v.no,
        act: () => (v.no ? click(v.no) : false),
      };
    case 'proofup':
      return {
        key: 'proofup',
        say: 'Microsoft asks for more information before continuing. Select "Next" on the page; the extension continues on Security info.',
        reached: 'signin',
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
      if (v.errorKind)
        return {
          key: `error:${v.errorKind}`,
          say: TAP_ERRORS[v.errorKind].message,
          fail: { code: `guided:${v.errorKind}`, ...TAP_ERRORS[v.errorKind], reason: v.message },
        };
      return { key: `error:${v.message}`, say: `Microsoft shows an error: "${v.message}"` };
    case 'unknown':
      return null;
  }
}
