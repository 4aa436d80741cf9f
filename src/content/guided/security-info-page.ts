/** Decisions for My Sign-ins → Security info (mysignins.microsoft.com). */
import { t } from '../../shared/i18n';
import { msLabel } from './ms-labels';
import type { GuidedContext } from '../../shared/protocol';
import { fallbackFor, type Decision } from './driver';
import { click, fill } from './actions';
import { checkIdentity, recogniseSecurityInfo } from './security-info-views';
import { pageLang, textOf } from './dom';
import { matches } from './texts';
import { passkeyNotRegistered } from './login-page';

let addClicks = 0;
let registerSkipped = false;

/** Time for the account header to render before the admin is asked who is signed in. */
const IDENTITY_GRACE_MS = 3000;
const pageStart = Date.now();
/** The admin's answer when the page shows no identity, kept for this job across Security info reloads. */
const CONFIRM_KEY = 'passkey-provisioner.identity-confirmed';
let answer: 'yes' | 'no' | undefined;

const confirmedFor = (jobId: string) => {
  try {
    return sessionStorage.getItem(CONFIRM_KEY) === jobId;
  } catch {
    return false;
  }
};

/**
 * The wrong-user guard fails closed: nothing on Security info is clicked until the page positively shows the job's
 * user, or the admin confirmed it when the page shows no identity. A different identity ends the job.
 */
function identityGate(ctx: GuidedContext): Decision | null {
  const upn = ctx.user.userPrincipalName;
  const { check, shown } = checkIdentity(document, upn);
  if (check === 'match') return null;
  if (check === 'other' || answer === 'no')
    return {
      key: 'wrong-user',
      say: t('overlayWrongUser'),
      fail: {
        code: 'guided:wrong-user',
        message: answer === 'no' ? t('overlayWrongUserDenied', upn) : t('overlayWrongUserShown', shown[0] ?? '', upn),
        action: t('overlayWrongUserAction'),
      },
    };
  if (answer === 'yes' || confirmedFor(ctx.jobId)) return null;
  if (Date.now() - pageStart < IDENTITY_GRACE_MS) return { key: 'identity-wait', say: t('overlayCheckingIdentity') };
  const name = ctx.user.displayName;
  return {
    key: 'identity-ask',
    say: t('overlayIdentityAsk', name, upn),
    actions: [
      {
        label: t('overlayIdentityYes', name),
        onClick: () => {
          answer = 'yes';
          try {
            sessionStorage.setItem(CONFIRM_KEY, ctx.jobId);
          } catch {
            /* memory is enough for this page */
          }
        },
      },
      { label: t('overlayIdentityNo'), onClick: () => (answer = 'no') },
    ],
  };
}

export function decideSecurityInfo(ctx: GuidedContext): Decision | null {
  const url = new URL(location.href);
  const v = recogniseSecurityInfo(document, url);
  if (v.kind === 'loading') return { key: 'loading', say: t('overlayWaitingSecurityInfo') };
  // Only where the driver would add or name a method; skipping the setup wizard or reporting a banner is safe.
  const gate = v.kind === 'register-wizard' || v.kind === 'blocked' || v.kind === 'unknown' ? null : identityGate(ctx);
  if (gate) return gate;
  const after = (s: string) =>
    ['key', 'name', 'verify', 'cleanup'].indexOf(ctx.stage) >= ['key', 'name', 'verify', 'cleanup'].indexOf(s);
  switch (v.kind) {
    case 'blocked':
      if (v.reason === 'not-registered')
        return {
          key: 'blocked:not-registered',
          say: v.message,
          fail: { ...passkeyNotRegistered(), reason: v.message },
        };
      return {
        key: `blocked:${v.reason}`,
        say: v.message,
        fail:
          v.reason === 'key-limit'
            ? {
                code: 'guided:key-limit',
                message: t('overlayKeyLimit', ctx.user.displayName),
                reason: v.message,
                action: t('overlayKeyLimitAction'),
              }
            : v.reason === 'needs-mfa'
              ? {
                  code: 'guided:needs-mfa',
                  message: t('overlayNeedsMfa'),
                  reason: v.message,
                  action: t('overlayNeedsMfaAction'),
                }
              : {
                  code: 'guided:blocked',
                  message: t('overlayAddRefused'),
                  reason: v.message,
                  action: t('overlayAddRefusedAction'),
                },
      };
    case 'name-passkey':
      return {
        key: 'name',
        say: t('overlayNamingPasskey', ctx.passkeyName),
        reached: 'name',
        target: v.input,
        act: () => {
          fill(v.input, ctx.passkeyName);
          if (!v.next) return false;
          click(v.next);
        },
      };
    case 'passkey-created':
      return {
        key: 'created',
        say: t('overlayPasskeyCreated'),
        reached: 'verify',
        target: v.done,
        act: () => (v.done ? click(v.done) : false),
        tone: 'success',
      };
    case 'passkey-intro':
      return {
        key: 'intro',
        say: t('overlayContinuingSetup'),
        reached: 'add',
        target: v.next,
        act: () => (v.next ? click(v.next) : false),
      };
    case 'add-method-dialog': {
      const target = v.passkey ?? v.showMore;
      return {
        key: `dialog:${v.passkey ? 'passkey' : 'more'}`,
        say: t('overlayChoosingPasskey', msLabel('Passkey')),
        reached: 'add',
        target,
        act: () => (target ? click(target) : false),
      };
    }
    case 'legacy-picker':
      if (v.securityKey)
        return {
          key: 'legacy-option',
          say: t('overlayChoosingSecurityKey', msLabel('SecurityKey')),
          reached: 'add',
          target: v.securityKey,
          act: () => click(v.securityKey!),
        };
      if (
        v.add &&
        matches(
          'securityKeyOption',
          textOf(v.combobox.querySelector('.ms-Dropdown-title') ?? v.combobox),
          pageLang(document),
        )
      )
        return { key: 'legacy-add', say: t('overlayAddingSecurityKey'), target: v.add, act: () => click(v.add!) };
      return {
        key: 'legacy-combo',
        say: t('overlayOpeningMethods'),
        reached: 'add',
        target: v.combobox,
        act: () => click(v.combobox),
      };
    case 'legacy-device':
      return {
        key: 'legacy-usb',
        say: t('overlayChoosingUsb', msLabel('UsbDevice')),
        target: v.usb,
        act: () => (v.usb ? click(v.usb) : false),
      };
    case 'legacy-ready':
      return {
        key: 'legacy-next',
        say: t('overlayKeyReady'),
        target: v.next,
        act: () => (v.next ? click(v.next) : false),
      };
    case 'security-info':
      // Back on the list after naming: the new row proves the page is done; Graph has the last word.
      if (after('name') && v.shows(ctx.passkeyName))
        return {
          key: 'listed',
          say: t('overlayPasskeyListed'),
          reached: 'verify',
          tone: 'success',
        };
      if (after('key') && /fidoProvisionSuccess/.test(url.hash))
        return { key: 'returned', say: t('overlayWaitingNaming') };
      if (!v.addMethod) return null;
      return {
        key: `add:${addClicks}`,
        say: t('overlaySelectingAdd', msLabel('AddSignInMethod')),
        reached: 'add',
        target: v.addMethod,
        act: () => {
          if (addClicks >= 2) return false; // tried twice: let the admin take over
          addClicks++;
          click(v.addMethod!);
        },
      };
    case 'dialog': {
      // No text we know (another language, or a changed page): the step we are at tells what the dialog is for.
      const naming = after('name');
      // Before the key step an unknown dialog could be anything (the method list in a language without a table):
      // guidance, never a guess. After it, the dialog can only be naming or finishing: its primary button goes on.
      if (!after('key'))
        return {
          key: `dialog:${v.title}`,
          say: v.title ? `${t('overlayPageShows', v.title)} ${fallbackFor('add', ctx)}` : fallbackFor('add', ctx),
          target: v.primary,
        };
      const say = naming ? t('overlayFinishingDialog') : t('overlayContinuingDialog');
      if (!v.primary)
        return {
          key: `dialog:${v.title}`,
          say: v.title ? t('overlayPageShows', v.title) : t('overlayUnknownDialog'),
        };
      return {
        key: `dialog:${v.title}`,
        say,
        reached: naming ? 'verify' : 'add',
        target: v.primary,
        act: () => click(v.primary!),
      };
    }
    case 'register-wizard':
      // The interrupt wizard cannot add a passkey; Security info can, in the same session.
      if (v.skip && !registerSkipped)
        return {
          key: 'register-skip',
          say: t('overlayWizardSkipping'),
          target: v.skip,
          act: () => {
            registerSkipped = true;
            click(v.skip!);
          },
        };
      return {
        key: 'register',
        say: t('overlayWizardOpen'),
      };
    case 'unknown':
      return null;
  }
}
