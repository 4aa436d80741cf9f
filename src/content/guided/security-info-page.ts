/** Decisions for My Sign-ins → Security info (mysignins.microsoft.com). */
import type { GuidedContext } from '../../shared/protocol';
import type { Decision } from './driver';
import { click, fill } from './actions';
import { recogniseSecurityInfo, shownIdentities } from './security-info-views';
import { pageLang, textOf } from './dom';
import { matches } from './texts';

let addClicks = 0;

export function decideSecurityInfo(ctx: GuidedContext): Decision | null {
  const url = new URL(location.href);
  const v = recogniseSecurityInfo(document, url);
  const upn = ctx.user.userPrincipalName.toLowerCase();
  const ids = shownIdentities(document);
  if (ids.length && !ids.includes(upn))
    return {
      key: 'wrong-user',
      say: 'Signed in as someone else.',
      fail: {
        code: 'guided:wrong-user',
        message: `Security info is signed in as ${ids[0]}, not ${ctx.user.userPrincipalName}. Nothing was added.`,
        action: 'Close other Microsoft sessions (or allow the extension in InPrivate/Incognito) and start again.',
      },
    };
  const after = (s: string) =>
    ['key', 'name', 'verify', 'cleanup'].indexOf(ctx.stage) >= ['key', 'name', 'verify', 'cleanup'].indexOf(s);
  switch (v.kind) {
    case 'blocked':
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
    case 'loading':
      return { key: 'loading', say: 'Waiting for Security info to load\u2026' };
    case 'unknown':
      return null;
  }
}
