/** Decisions for Microsoft's sign-in pages and the fido/create page (login hosts). */
import { t } from '../../shared/i18n';
import { msLabel } from './ms-labels';
import { send } from '../../shared/messaging';
import type { GuidedContext } from '../../shared/protocol';
import type { Decision } from './driver';
import { click, fill } from './actions';
import { recogniseSignIn, type TapError } from './signin-views';

/** What the admin reads for each refusal of the pass (in the admin's language; made when needed). */
export function tapError(kind: TapError): { message: string; action: string } {
  switch (kind) {
    case 'tap-expired':
      return { message: t('overlayTapExpired'), action: t('overlayStartAgainNewPass') };
    case 'tap-blocked':
      return { message: t('overlayTapBlocked'), action: t('overlayTapBlockedAction') };
    case 'tap-invalid':
      return { message: t('overlayTapInvalid'), action: t('overlayTapInvalidAction') };
    case 'tap-rejected':
      return { message: t('overlayTapRejected'), action: t('overlayTapRejectedAction') };
  }
}

/** The real text "Passkey not registered. This might be due to a timeout, a canceled request or a private browsing window." */
export const passkeyNotRegistered = () => ({
  code: 'guided:passkey-not-registered',
  message: t('overlayPasskeyNotRegistered'),
  action: t('overlayPasskeyNotRegisteredAction'),
});

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
  const e = tapError(kind);
  const fail = { code: `guided:${kind}`, message: e.message, reason, action: e.action };
  if (kind === 'tap-expired' || kind === 'tap-blocked') return { key: `tap-error:${kind}`, say: e.message, fail };
  return {
    key: `tap-retry:${kind}`,
    say: t('overlayTapRetry'),
    act: async () =>
      (await send('guided.retrySignIn', { jobId: ctx.jobId }).catch(() => false)) ||
      (await send('guided.fail', { jobId: ctx.jobId, error: fail }).then(() => false)),
  };
}

export function decideLogin(ctx: GuidedContext, showPass: () => void): Decision | null {
  const v = recogniseSignIn(document, new URL(location.href));
  const upn = ctx.user.userPrincipalName;
  const passButton = { label: t('overlayShowPass'), onClick: showPass };
  switch (v.kind) {
    case 'picker': {
      const tile = v.tile(upn);
      const target = tile ?? v.useAnother;
      return {
        key: `picker:${tile ? 'tile' : 'other'}`,
        say: tile ? t('overlayChoosingAccount', upn) : t('overlayChoosingAnotherAccount', msLabel('UseAnotherAccount')),
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
            message: t('overlayUsernameRefused', upn),
            reason: v.error,
            action: t('overlayUsernameRefusedAction'),
          },
        };
      return {
        key: 'username',
        say: t('overlayEnteringUsername', upn),
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
        say: t('overlayEnteringTap'),
        target: v.input,
        actions: [passButton],
        act: () => typeTap(v.input, v.submit, ctx.jobId),
      };
    case 'password':
      if (v.errorKind) return tapRefused(ctx, v.errorKind, v.error);
      if (v.useTap)
        return {
          key: 'password:use-tap',
          say: t('overlaySwitchingToTap'),
          target: v.useTap,
          act: () => click(v.useTap!),
        };
      // A brand-new pass may not be offered yet: start the sign-in again (bounded), then guide.
      return {
        key: `password:${passwordRetries}`,
        say: t('overlayPasswordAsked'),
        actions: [passButton],
        act: async () => {
          passwordRetries++;
          return send('guided.retrySignIn', { jobId: ctx.jobId }).catch(() => false);
        },
      };
    case 'passwordless':
      return {
        key: 'passwordless',
        say: t('overlayPasswordless', msLabel('UsePasswordInstead')),
        target: v.usePassword,
        act: () => (v.usePassword ? click(v.usePassword) : false),
      };
    case 'nudge':
      return {
        key: 'nudge',
        say: v.skip
          ? t('overlayNudgeSkipping', msLabel('SignInFaster'), msLabel('SecurityInfo'))
          : t('overlayNudgeManual', msLabel('SkipForNow'), msLabel('SecurityInfo')),
        target: v.skip,
        act: v.skip ? () => click(v.skip!) : undefined,
      };
    case 'passkey-not-registered': {
      const fail = passkeyNotRegistered();
      return { key: 'passkey-not-registered', say: fail.message, fail: { ...fail, reason: v.message } };
    }
    case 'kmsi':
      return {
        key: 'kmsi',
        say: t('overlayKmsi', msLabel('No'), msLabel('StaySignedIn')),
        target: v.no,
        act: () => (v.no ? click(v.no) : false),
      };
    case 'proofup':
      // "More information required": Next leads on to My Sign-ins, where Security info adds the passkey.
      return {
        key: 'proofup',
        say: t('overlayProofup'),
        reached: 'signin',
        target: v.next,
        act: () => (v.next ? click(v.next) : false),
      };
    case 'mfa':
      return {
        key: 'mfa',
        say: t('overlayMfa'),
        fail: {
          code: 'guided:mfa',
          message: t('overlayMfaFailed'),
          action: t('overlayMfaFailedAction'),
        },
      };
    case 'conditional-access':
      return {
        key: 'ca',
        say: t('overlayCaInterrupted'),
        fail: {
          code: 'guided:conditional-access',
          message: t('overlayCaBlocked'),
          action: t('overlayCaBlockedAction'),
        },
      };
    case 'fido-create':
      return {
        key: 'fido-create',
        say: t('overlayInsertKey', ctx.user.displayName),
        reached: 'key',
        tone: 'key',
        target: v.next,
        act: () => (v.next ? click(v.next) : false),
      };
    case 'signed-out':
      return { key: 'signed-out', say: t('overlaySignedOut') };
    case 'error':
      if (v.errorKind) return tapRefused(ctx, v.errorKind, v.message);
      return { key: `error:${v.message}`, say: t('overlayPageError', v.message) };
    case 'unknown':
      return null;
  }
}
