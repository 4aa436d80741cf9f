/** Decisions for My Sign-ins → Security info (mysignins.microsoft.com). */
import type { GuidedContext } from '../../shared/protocol';
import { fallbackFor, type Decision } from './driver';
import { click, fill } from './actions';
import { checkIdentity, recogniseSecurityInfo } from './security-info-views';
import { pageLang, textOf } from './dom';
import { matches } from './texts';
import { PASSKEY_NOT_REGISTERED } from './login-page';

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
      say: 'Signed in as someone else.',
      fail: {
        code: 'guided:wrong-user',
        message:
          answer === 'no'
            ? `You said Security info is not signed in as ${upn}. Nothing was added.`
            : `Security info is signed in as ${shown[0]}, not ${upn}. Nothing was added.`,
        action:
          'Close other Microsoft sessions in this browser (or allow the extension in InPrivate/Incognito) and start again.',
      },
    };
  if (answer === 'yes' || confirmedFor(ctx.jobId)) return null;
  if (Date.now() - pageStart < IDENTITY_GRACE_MS)
    return { key: 'identity-wait', say: 'Checking who is signed in to Security info\u2026' };
  const name = ctx.user.displayName;
  return {
    key: 'identity-ask',
    say: `This page does not show who is signed in. Before anything is added: is this Security info page ${name}\u2019s (${upn})? Check the account picture or name at the top right.`,
    actions: [
      {
        label: `Yes, this is ${name}`,
        onClick: () => {
          answer = 'yes';
          try {
            sessionStorage.setItem(CONFIRM_KEY, ctx.jobId);
          } catch {
            /* memory is enough for this page */
          }
        },
      },
      { label: 'No, stop', onClick: () => (answer = 'no') },
    ],
  };
}

export function decideSecurityInfo(ctx: GuidedContext): Decision | null {
  const url = new URL(location.href);
  const v = recogniseSecurityInfo(document, url);
  if (v.kind === 'loading') return { key: 'loading', say: 'Waiting for Security info to load\u2026' };
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
          fail: { ...PASSKEY_NOT_REGISTERED, reason: v.message },
        };
      return {
        key: `blocked:${v.reason}`,
        say: v.message,
        fail:
          v.reason === 'key-limit'
            ? {
                code: 'guided:key-limit',
                message: `${ctx.user.displayName} already has 10 security keys, Microsoft\u2019s limit.`,
                reason: v.message,
                action: 'Delete a passkey the user no longer has, then start again.',
              }
            : v.reason === 'needs-mfa'
              ? {
                  code: 'guided:needs-mfa',
                  message: 'Microsoft wants a fresh multifactor sign-in before a key can be added.',
                  reason: v.message,
                  action: 'Start again: the pass sign-in counts as multifactor when it is fresh.',
                }
              : {
                  code: 'guided:blocked',
                  message: 'Security info refused to add a key.',
                  reason: v.message,
                  action: 'Follow the message on the page.',
                },
      };
    case 'name-passkey':
      return {
        key: 'name',
        say: `Naming the passkey "${ctx.passkeyName}".`,
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
        say: 'Passkey created. Confirming with Microsoft Graph\u2026',
        reached: 'verify',
        target: v.done,
        act: () => (v.done ? click(v.done) : false),
        tone: 'success',
      };
    case 'passkey-intro':
      return {
        key: 'intro',
        say: 'Continuing to the passkey setup.',
        reached: 'add',
        target: v.next,
        act: () => (v.next ? click(v.next) : false),
      };
    case 'add-method-dialog': {
      const target = v.passkey ?? v.showMore;
      return {
        key: `dialog:${v.passkey ? 'passkey' : 'more'}`,
        say: 'Choosing "Passkey".',
        reached: 'add',
        target,
        act: () => (target ? click(target) : false),
      };
    }
    case 'legacy-picker':
      if (v.securityKey)
        return {
          key: 'legacy-option',
          say: 'Choosing "Security key".',
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
        return { key: 'legacy-add', say: 'Adding a security key.', target: v.add, act: () => click(v.add!) };
      return {
        key: 'legacy-combo',
        say: 'Opening the list of methods.',
        reached: 'add',
        target: v.combobox,
        act: () => click(v.combobox),
      };
    case 'legacy-device':
      return {
        key: 'legacy-usb',
        say: 'Choosing "USB device".',
        target: v.usb,
        act: () => (v.usb ? click(v.usb) : false),
      };
    case 'legacy-ready':
      return {
        key: 'legacy-next',
        say: 'Have the key ready; continuing.',
        target: v.next,
        act: () => (v.next ? click(v.next) : false),
      };
    case 'security-info':
      // Back on the list after naming: the new row proves the page is done; Graph has the last word.
      if (after('name') && v.shows(ctx.passkeyName))
        return {
          key: 'listed',
          say: 'The passkey is listed. Confirming with Microsoft Graph\u2026',
          reached: 'verify',
          tone: 'success',
        };
      if (after('key') && /fidoProvisionSuccess/.test(url.hash))
        return { key: 'returned', say: 'Waiting for the naming dialog\u2026' };
      if (!v.addMethod) return null;
      return {
        key: `add:${addClicks}`,
        say: 'Selecting "+ Add sign-in method".',
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
          say: `${v.title ? `The page shows "${v.title}". ` : ''}${fallbackFor('add', ctx)}`,
          target: v.primary,
        };
      const say = naming
        ? 'Finishing: selecting the dialog\u2019s main button.'
        : 'Continuing: selecting the dialog\u2019s main button.';
      if (!v.primary)
        return {
          key: `dialog:${v.title}`,
          say: v.title ? `The page shows "${v.title}".` : 'The page shows a dialog the extension does not know.',
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
          say: 'Microsoft\u2019s setup wizard cannot add a passkey; skipping it to use Security info.',
          target: v.skip,
          act: () => {
            registerSkipped = true;
            click(v.skip!);
          },
        };
      return {
        key: 'register',
        say: 'Microsoft\u2019s setup wizard is open. Finish or skip it, then open Security info; the extension continues there.',
      };
    case 'unknown':
      return null;
  }
}
