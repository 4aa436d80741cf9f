/**
 * My Sign-ins → Security info (https://mysignins.microsoft.com/security-info), a small SPA-like page:
 * server-rendered HTML with Fluent UI v8 class names plus one inline script that opens the dialogs, calls the fake
 * `/api/authenticationmethods/*` endpoints and form-POSTs to login.microsoft.com/{tenant}/fido/create.
 * Modelled on shared/reference/microsoft-pages.md §5 and §8.
 *
 * `renderSecurityInfo(state, options)` is pure: every dialog is in the page as a `<template id="ms-dialog-NAME">`
 * (the script clones it into `#ms-dialog-host`), and `options.openDialog` renders one already open, so unit tests can
 * load the exact markup of each step into happy-dom.
 */
import { escapeHtml as e } from '../http.ts';
import type { PagesLocale } from './config.ts';
import { fmt, formatDate, stringsFor, type Strings } from './i18n.ts';
import { defaultLook, hashClass, htmlLang, type PageLook } from './look.ts';

export type SecurityInfoVariant = 'current' | 'legacy';

export type SecurityInfoDialog =
  // current (2024+) passkey flow
  | 'addMethod'
  | 'signInFaster'
  | 'settingUp'
  | 'name'
  | 'created'
  | 'delete'
  | 'deleteTap'
  // legacy security-key flow
  | 'addMethodLegacy'
  | 'securityKeyType'
  | 'securityKeyReady'
  | 'securityKeyName'
  | 'securityKeyDone'
  | 'deleteLegacy';

export const CURRENT_DIALOGS: SecurityInfoDialog[] = [
  'addMethod',
  'signInFaster',
  'settingUp',
  'name',
  'created',
  'delete',
  'deleteTap',
];
export const LEGACY_DIALOGS: SecurityInfoDialog[] = [
  'addMethodLegacy',
  'securityKeyType',
  'securityKeyReady',
  'securityKeyName',
  'securityKeyDone',
  'deleteLegacy',
  'deleteTap',
];

export interface SecurityInfoMethod {
  kind: 'password' | 'tap' | 'passkey';
  /** Graph method id (delete target). */
  id: string;
  /** Passkey display name, TAP/password detail. */
  name?: string;
  passkeyType?: 'deviceBound' | 'synced';
  /** TAP: end of its lifetime, ms; password: last change. */
  dateMs?: number;
  /** TAP no longer usable. */
  expired?: boolean;
}

export interface SecurityInfoState {
  upn: string;
  displayName: string;
  methods: SecurityInfoMethod[];
  /** Passkey offered in "Add a sign-in method" (Passkey policy on, user in scope, self-service allowed). */
  passkeyAvailable?: boolean;
  /** `SessionCtxV2` the page sends with its API calls. */
  sessionCtx?: string;
  /** Sign-out link of the me control. */
  signOutUrl?: string;
  /** A banner rendered into `#ms-banner` right away. */
  banner?: { text: string; kind?: 'error' | 'warning' | 'info' | 'success' } | null;
}

export interface SecurityInfoOptions {
  locale?: PagesLocale;
  variant?: SecurityInfoVariant;
  texts?: Record<string, string>;
  signInFasterStep?: boolean;
  maxNameLength?: number;
  namePrefill?: 'model' | 'empty';
  /** Render this dialog open (as the script would after the matching step). */
  openDialog?: SecurityInfoDialog;
  /** Values for the open dialog: the name field's value and error, the created passkey's name. */
  dialogData?: { name?: string; error?: string; textFieldId?: string };
  /** Time for dates (default Date.now()). */
  nowMs?: number;
  /** The page variant (look.ts); default: the fake's original markup. */
  look?: PageLook;
}

/** Fluent MDL2 glyphs (private-use code points) of the icons the page shows (reference §10.1.4). */
const GLYPH: Record<string, string> = {
  Add: '\uE710',
  Cancel: '\uE711',
  Delete: '\uE74D',
  Permissions: '\uE8D7',
  CellPhone: '\uE8EA',
  Phone: '\uE717',
  Mail: '\uE715',
  ChevronDown: '\uE70D',
  Accept: '\uE8FB',
};
const PLAIN_ICON: Record<string, string> = { Add: '+', Cancel: '✕', ChevronDown: '⌄' };
const METHOD_ICON: Record<string, string> = {
  passkey: 'Permissions',
  authenticator: 'CellPhone',
  phone: 'Phone',
  email: 'Mail',
};

/** The render context: strings and look. */
interface Ctx {
  s: Strings;
  look: PageLook;
}

function icon(look: PageLook, name: string, cls = 'ms-Button-icon'): string {
  const glyph = look.icons === 'glyph' ? GLYPH[name] : PLAIN_ICON[name];
  if (glyph === undefined) return '';
  return `<i data-icon-name="${e(name)}" aria-hidden="true" class="${cls}">${glyph}</i>`;
}

// ---------------------------------------------------------------------------------------------
// Fluent-like building blocks

function button(
  label: string,
  o: {
    action?: string;
    primary?: boolean;
    attrs?: string;
    icon?: string;
    kind?: 'default' | 'primary' | 'action' | 'link';
    look?: PageLook;
  } = {},
): string {
  const kind = o.kind ?? (o.primary ? 'primary' : 'default');
  const cls = kind === 'link' ? 'ms-Link' : `ms-Button ms-Button--${kind}`;
  const look = o.look ?? defaultLook();
  const iconHtml = o.icon
    ? icon(look, o.icon) || `<i data-icon-name="${e(o.icon)}" aria-hidden="true" class="ms-Button-icon"></i>`
    : '';
  const inner =
    kind === 'link'
      ? e(label)
      : `<span class="ms-Button-flexContainer" data-automationid="splitbuttonprimary">${iconHtml}<span class="ms-Button-textContainer"><span class="ms-Button-label">${e(label)}</span></span></span>`;
  return `<button type="button" class="${cls}" data-is-focusable="true"${o.action ? ` data-action="${e(o.action)}"` : ''}${o.attrs ? ` ${o.attrs}` : ''}>${inner}</button>`;
}

function dialogFrame(
  name: SecurityInfoDialog,
  title: string,
  content: string,
  actions: string,
  o: { closable?: boolean; subText?: string; look?: PageLook } = {},
): string {
  const id = `ms-dialog-${name}`;
  const look = o.look ?? defaultLook();
  // role=dialog (Fluent v8 Modal) or only an aria-modal container labelled by an h2 (look.dialog).
  const roleAttr = look.dialog === 'role' ? 'role="dialog" ' : '';
  const titleEl =
    look.dialog === 'role'
      ? `<div class="ms-Dialog-title" id="${id}-title">${e(title)}</div>`
      : `<h2 class="ms-Dialog-title" id="${id}-title">${e(title)}</h2>`;
  return `<div class="ms-Layer ms-Layer--fixed" data-dialog="${name}">
  <div class="ms-Modal ms-Dialog is-open">
    <div class="ms-Overlay ms-Overlay--dark" data-action="${o.closable === false ? '' : 'close'}"></div>
    <div ${roleAttr}aria-modal="true" aria-labelledby="${id}-title"${o.subText ? ` aria-describedby="${id}-subText"` : ''} class="ms-Dialog-main ms-Modal-scrollableContent">
      <div class="ms-Dialog-header">
        ${titleEl}
        ${o.closable === false ? '' : `<div class="ms-Dialog-topButton"><button type="button" class="ms-Button ms-Button--icon ms-Dialog-button ms-Dialog-button--close" aria-label="__CLOSE__" data-action="close"><span class="ms-Button-flexContainer">${icon(look, 'Cancel')}</span></button></div>`}
      </div>
      <div class="ms-Dialog-inner">
        <div class="ms-Dialog-content">
          ${o.subText ? `<p class="ms-Dialog-subText" id="${id}-subText">${e(o.subText)}</p>` : ''}
          ${content}
        </div>
        <div class="ms-Dialog-actions"><div class="ms-Dialog-actionsRight">${actions}</div></div>
      </div>
    </div>
  </div>
</div>`;
}

function textField(o: { id: string; label: string; value: string; maxLength: number; error?: string }): string {
  const err = o.error
    ? `<div id="${o.id}-error-host"><p class="ms-TextField-errorMessage" role="alert"><span data-automation-id="error-message">${e(o.error)}</span></p></div>`
    : `<div id="${o.id}-error-host"></div>`;
  return `<div class="ms-TextField${o.error ? ' is-invalid' : ''}">
  <div class="ms-TextField-wrapper">
    <label for="${o.id}" id="${o.id}-label" class="ms-Label">${e(o.label)}</label>
    <div class="ms-TextField-fieldGroup"><input type="text" id="${o.id}" class="ms-TextField-field" maxlength="${o.maxLength}" value="${e(o.value)}" aria-invalid="${o.error ? 'true' : 'false'}"${o.error ? ` aria-describedby="${o.id}-error-host"` : ''}></div>
  </div>
  ${err}
</div>`;
}

// ---------------------------------------------------------------------------------------------
// Dialogs

/**
 * One row of "Add a sign-in method": the method's name, its description (Oct 2024 redesign) and, for the
 * recommended method, a "Recommended" tag. `look.option` decides what is clickable (a button, a link, the focusable
 * list item, a listbox option); `look.methodRow` whether description and tag sit beside the clickable element or
 * inside it (then aria-labelledby names it by the name alone and aria-describedby points at the description).
 */
function methodOption(c: Ctx, method: string, label: string, description: string, badge?: string): string {
  const { look } = c;
  const descId = `method-${method}-description`;
  const nameId = `method-${method}-name`;
  const iconHtml = look.icons === 'glyph' ? icon(look, METHOD_ICON[method] ?? 'Add', 'method-option-icon') : '';
  const tag = badge ? `<span class="method-badge">${e(badge)}</span>` : '';
  const desc = `<div id="${descId}" class="method-description">${e(description)}</div>`;
  const nameEl = `<span id="${nameId}" class="method-option-name">${e(label)}</span>`;
  const inside = look.methodRow === 'inside';
  const data = `data-action="choose" data-method="${e(method)}"`;
  const named = inside ? ` aria-labelledby="${nameId}"` : '';
  const described = ` aria-describedby="${descId}"`;
  const content = inside ? `${iconHtml}${nameEl}${tag}${desc}` : `${iconHtml}${nameEl}`;
  const beside = inside ? '' : `${tag}${desc}`;
  switch (look.option) {
    case 'button':
      if (!inside && look.icons === 'plain')
        // the original markup
        return `<div role="listitem" class="method-option-row">
    ${button(label, { action: 'choose', kind: 'action', attrs: `data-method="${e(method)}" aria-describedby="${descId}"` })}
    ${tag}
    ${desc}
  </div>`;
      return `<div role="listitem" class="method-option-row"><button type="button" class="ms-Button ms-Button--action method-option" ${data}${named}${described}>${content}</button>${beside}</div>`;
    case 'link':
      return `<div role="listitem" class="method-option-row"><a href="#" class="ms-Link method-option" ${data}${named}${described}>${content}</a>${beside}</div>`;
    case 'listitem':
      // The row itself is the control: a list item has no name from its content, so only `inside` names it.
      return `<div role="listitem" tabindex="0" class="method-option-row method-option" ${data}${named}${described}>${inside ? content : `${iconHtml}${nameEl}${tag}${desc}`}</div>`;
    case 'option':
      return `<div role="option" tabindex="0" aria-selected="false" class="method-option-row method-option" ${data}${named}${described}>${inside ? content : `${iconHtml}${nameEl}${tag}${desc}`}</div>`;
  }
}

/** The container of method rows: a list, or a listbox for `role=option` rows. */
function methodList(c: Ctx, rows: string, extraClass = '', hidden = false): string {
  const role = c.look.option === 'option' ? `role="listbox" aria-label="${e(c.s.addDialogTitle)}"` : 'role="list"';
  return `<div ${role} class="method-list${extraClass ? ` ${extraClass}` : ''}"${hidden ? ' hidden' : ''}>${rows}</div>`;
}

export function renderDialog(name: SecurityInfoDialog, state: SecurityInfoState, o: SecurityInfoOptions = {}): string {
  const s = stringsFor(o.locale ?? 'en', o.texts ?? {});
  const look = o.look ?? defaultLook();
  const c: Ctx = { s, look };
  const dialog = (
    n: SecurityInfoDialog,
    title: string,
    content: string,
    actions: string,
    opts: { closable?: boolean; subText?: string } = {},
  ) => dialogFrame(n, title, content, actions, { ...opts, look });
  const max = o.maxNameLength ?? 30;
  const data = o.dialogData ?? {};
  const tfId = data.textFieldId ?? 'TextField7';
  // The 30-character name field, in the passkey flow and in the legacy security key flow.
  const nameDialog = (title: string, label: string, subText: string) =>
    dialog(
      name,
      title,
      textField({ id: tfId, label, value: data.name ?? '', maxLength: max, error: data.error }),
      button(s.next, { action: 'name-next', primary: true }),
      { closable: false, subText },
    );
  const out = (() => {
    switch (name) {
      case 'addMethod': {
        const others = [
          methodOption(c, 'authenticator', s.methodAuthenticator, s.methodAuthenticatorDescription),
          methodOption(c, 'phone', s.methodPhone, s.methodPhoneDescription),
          methodOption(c, 'email', s.methodEmail, s.methodEmailDescription),
        ].join('');
        const passkey =
          state.passkeyAvailable === false
            ? ''
            : methodOption(c, 'passkey', s.passkey, s.passkeyDescription, s.recommended);
        return dialog(
          name,
          s.addDialogTitle,
          `${methodList(c, passkey)}
          ${button(s.showMoreOptions, { action: 'show-more', kind: 'link', attrs: 'aria-expanded="false"' })}
          ${methodList(c, others, 'more-methods', true)}`,
          '',
        );
      }
      case 'signInFaster':
        return dialog(
          name,
          s.signInFasterTitle,
          '',
          `${button(s.back, { action: 'open-add' })}${button(s.next, { action: 'go-fido', primary: true })}`,
          {
            subText: s.signInFasterText,
          },
        );
      case 'settingUp':
        // look.order 'settingUpFirst': this comes before fido/create, which then says "Sign in faster…".
        return dialog(
          name,
          s.fidoTitle,
          '',
          `${button(s.cancel, { action: 'close' })}${button(s.next, { action: 'go-fido', primary: true })}`,
          { subText: s.fidoText },
        );
      case 'name':
        return nameDialog(s.nameTitle, s.nameLabel, s.nameText);
      case 'created':
        return dialog(name, s.createdTitle, '', button(s.done, { action: 'done', primary: true }), {
          closable: false,
          subText: fmt(s.createdText, { name: data.name ?? '' }),
        });
      case 'delete':
        return dialog(
          name,
          s.deleteTitle,
          '',
          `${button(s.cancel, { action: 'close' })}${button(s.delete, { action: 'confirm-delete', primary: true })}`,
          {
            subText: s.deleteText,
          },
        );
      case 'deleteTap':
        return dialog(
          name,
          s.rowTap,
          '',
          `${button(s.cancel, { action: 'close' })}${button(s.delete, { action: 'confirm-delete', primary: true })}`,
          {
            subText: s.deleteText,
          },
        );
      case 'deleteLegacy':
        return dialog(
          name,
          s.deleteTitleLegacy,
          '',
          `${button(s.cancel, { action: 'close' })}${button(s.ok, { action: 'confirm-delete', primary: true })}`,
          {
            subText: s.deleteText,
          },
        );
      case 'addMethodLegacy': {
        const option = (value: string, label: string) =>
          `<button type="button" role="option" class="ms-Button ms-Button--action ms-Button--command ms-Dropdown-item" data-action="dropdown-select" data-value="${value}" aria-selected="false" title="${e(label)}"><span class="ms-Button-flexContainer"><span class="ms-Dropdown-optionText">${e(label)}</span></span></button>`;
        const options = [
          option('authenticator', s.methodAuthenticator),
          option('phone', s.methodPhone),
          option('email', s.methodEmail),
          state.passkeyAvailable === false ? '' : option('securityKey', s.securityKey),
        ].join('');
        return dialog(
          name,
          s.addDialogTitleLegacy,
          `<div class="ms-Dropdown-container">
            <div class="ms-Dropdown" id="Dropdown0" role="combobox" tabindex="0" aria-label="${e(s.methodOptionsAria)}" aria-haspopup="listbox" aria-expanded="false" aria-controls="Dropdown0-list" data-action="dropdown-toggle" data-value="">
              <span id="Dropdown0-option" class="ms-Dropdown-title ms-Dropdown-titleIsPlaceHolder">${e(s.chooseMethod)}</span>
              <span class="ms-Dropdown-caretDownWrapper"><i data-icon-name="ChevronDown" aria-hidden="true" class="ms-Dropdown-caretDown">⌄</i></span>
            </div>
            <div class="ms-Callout ms-Dropdown-callout" id="Dropdown0-callout" hidden>
              <div role="listbox" id="Dropdown0-list" class="ms-Dropdown-items" aria-label="${e(s.methodOptionsAria)}">${options}</div>
            </div>
          </div>`,
          `${button(s.cancel, { action: 'close' })}${button(s.add, { action: 'legacy-add', primary: true })}`,
          { subText: s.addDialogTextLegacy },
        );
      }
      case 'securityKeyType':
        return dialog(
          name,
          s.securityKeyTitle,
          `<div class="security-key-types">${button(s.usbDevice, { action: 'key-type', attrs: 'data-value="usb"' })}${button(s.nfcDevice, { action: 'key-type', attrs: 'data-value="nfc"' })}</div>`,
          button(s.cancel, { action: 'close' }),
          { subText: s.securityKeyTypeText },
        );
      case 'securityKeyReady':
        return dialog(
          name,
          s.securityKeyTitle,
          `<p class="security-key-detail">${e(s.securityKeyReadyDetail)}</p>`,
          `${button(s.back, { action: 'back-to-type' })}${button(s.next, { action: 'go-fido', primary: true })}`,
          { subText: s.securityKeyReadyText },
        );
      case 'securityKeyName':
        return nameDialog(s.securityKeyTitle, s.securityKeyNameLabel, s.securityKeyNameText);
      case 'securityKeyDone':
        return dialog(name, s.securityKeyTitle, '', button(s.done, { action: 'done', primary: true }), {
          closable: false,
          subText: s.securityKeyDoneText,
        });
    }
  })();
  return out.replace(/__CLOSE__/g, e(s.close));
}

// ---------------------------------------------------------------------------------------------
// Methods list

function methodRow(s: Strings, m: SecurityInfoMethod, o: SecurityInfoOptions): string {
  const locale = o.locale ?? 'en';
  const legacy = o.variant === 'legacy';
  let type: string;
  let detail: string;
  let deleteAria: string;
  switch (m.kind) {
    case 'password':
      type = s.rowPassword;
      detail = m.dateMs !== undefined ? fmt(s.rowPasswordDetail, { date: formatDate(m.dateMs, locale) }) : '';
      return `<div role="listitem" class="method-row" data-method-type="password" data-method-id="${e(m.id)}">
      <span class="method-icon" aria-hidden="true"></span><div class="method-type">${e(type)}</div><div class="method-detail">${e(detail)}</div>
      <div class="method-actions">${button(s.change, { kind: 'link', action: 'change-password' })}</div></div>`;
    case 'tap':
      type = s.rowTap;
      detail = m.expired
        ? s.rowTapExpired
        : m.dateMs !== undefined
          ? fmt(s.rowTapDetail, { date: formatDate(m.dateMs, locale) })
          : '';
      deleteAria = s.deleteTapAria;
      break;
    case 'passkey':
      type = legacy ? s.rowSecurityKey : m.passkeyType === 'synced' ? s.rowPasskeySynced : s.rowPasskeyDeviceBound;
      detail = m.name ?? '';
      deleteAria = legacy ? s.deleteSecurityKeyAria : s.deletePasskeyAria;
      break;
  }
  return `<div role="listitem" class="method-row" data-method-type="${m.kind}" data-method-id="${e(m.id)}">
      <span class="method-icon" aria-hidden="true"></span><div class="method-type">${e(type)}</div><div class="method-detail">${e(detail)}</div>
      <div class="method-actions">${button(s.delete, { kind: legacy ? 'link' : 'action', action: 'delete', icon: o.look?.icons === 'glyph' ? 'Delete' : undefined, look: o.look, attrs: `aria-label="${e(deleteAria)}" data-method-id="${e(m.id)}" data-method-type="${m.kind}"` })}</div></div>`;
}

/** The `role=list` of methods (also served as `/security-info?partial=methods` for the page's refresh). */
export function renderMethodsList(state: SecurityInfoState, o: SecurityInfoOptions = {}): string {
  const s = stringsFor(o.locale ?? 'en', o.texts ?? {});
  const rows = state.methods.map((m) => methodRow(s, m, o)).join('\n');
  const list = `<div role="list" id="security-info-methods" aria-label="${e(s.methodsAria)}" class="methods-list">${rows || `<div class="empty">${e(s.noMethods)}</div>`}</div>`;
  return o.look?.classes === 'hashed' ? hashClasses(list) : list;
}

// ---------------------------------------------------------------------------------------------
// Hashed classes (look.classes 'hashed'): Fluent v9-like `fui-Component` + atomic hashes, no `ms-` anywhere.

/** The classes one original token becomes; the hash alone is what selectors (CSS, the page script) use. */
function hashedTokens(token: string): string {
  const h = hashClass(token);
  const component = /^ms-([A-Z][A-Za-z]*)$/.exec(token);
  return component ? `fui-${component[1]} ${h}` : h;
}

/** Rewrites every class attribute and every class selector of the inline CSS. */
export function hashClasses(html: string): string {
  return html
    .replace(
      /\bclass="([^"]*)"/g,
      (_m, v: string) => `class="${v.split(/\s+/).filter(Boolean).map(hashedTokens).join(' ')}"`,
    )
    .replace(
      /<style>([\s\S]*?)<\/style>/g,
      (_m, css: string) =>
        `<style>${css.replace(/\.(-?[_a-zA-Z][\w-]*)/g, (_n, t: string) => `.${hashClass(t)}`)}</style>`,
    );
}

/** `#ms-banner` (a Fluent MessageBar); only present while a banner is shown. */
export function renderBanner(
  text: string,
  kind: 'error' | 'warning' | 'info' | 'success' = 'error',
  dismissLabel = 'Close',
): string {
  return `<div id="ms-banner" class="ms-MessageBar ms-MessageBar--${kind}" role="region" aria-label="${kind}">
  <div class="ms-MessageBar-content"><div class="ms-MessageBar-icon" aria-hidden="true">!</div>
    <div class="ms-MessageBar-text" role="alert" aria-live="assertive"><span class="ms-MessageBar-innerText">${e(text)}</span></div>
    <button type="button" class="ms-Button ms-Button--icon ms-MessageBar-dismissal" aria-label="${e(dismissLabel)}" data-action="dismiss-banner"><span class="ms-Button-flexContainer">✕</span></button>
  </div>
</div>`;
}

// ---------------------------------------------------------------------------------------------
// The page

const CSS = `
*{box-sizing:border-box}body{margin:0;font-family:"Segoe UI","Segoe UI Web (West European)",-apple-system,BlinkMacSystemFont,Roboto,"Helvetica Neue",sans-serif;color:#323130;background:#faf9f8}
.ms-header{display:flex;align-items:center;justify-content:space-between;height:48px;background:#0078d4;color:#fff;padding:0 16px}
.ms-header-brand{color:#fff;font-weight:600;text-decoration:none;font-size:16px}
.mectrl_root{position:relative}.mectrl_trigger{background:none;border:0;cursor:pointer;padding:4px}
.mectrl_profilepic{width:32px;height:32px;border-radius:50%;background:#004e8c;color:#fff;display:flex;align-items:center;justify-content:center;font-size:13px}
.mectrl_flyout{position:absolute;right:0;top:44px;background:#fff;color:#323130;min-width:280px;padding:16px;box-shadow:0 6px 14px rgba(0,0,0,.2);z-index:10}
.mectrl_flyout a{display:block;margin-top:12px;color:#0078d4}
.layout{display:flex}.nav{width:220px;padding:16px 0;background:#fff;min-height:calc(100vh - 48px);border-right:1px solid #edebe9}
.nav a{display:block;padding:8px 20px;color:#323130;text-decoration:none}.nav a[aria-current=page]{font-weight:600;border-left:3px solid #0078d4}
main{flex:1;padding:24px 40px;max-width:960px}
h1.page-title{font-size:28px;font-weight:600;margin:8px 0}
.ms-Button{font-family:inherit;font-size:14px;border-radius:2px;cursor:pointer;min-height:32px;padding:0 16px;border:1px solid #8a8886;background:#fff;color:#323130}
.ms-Button--primary{background:#0078d4;border-color:#0078d4;color:#fff}
.ms-Button--action,.ms-Button--command{border:0;background:transparent;color:#0078d4;padding:0 4px}
.ms-Button--icon{border:0;background:transparent;padding:0 8px}
.ms-Button-flexContainer{display:flex;align-items:center;gap:6px}
.ms-Link{border:0;background:none;color:#0078d4;cursor:pointer;font-size:14px;padding:0}
.methods-list{margin-top:16px;background:#fff;border:1px solid #edebe9}
.method-row{display:grid;grid-template-columns:24px 260px 1fr auto;gap:12px;align-items:center;padding:12px 16px;border-bottom:1px solid #edebe9}
.method-icon{width:16px;height:16px;border-radius:50%;background:#c8c6c4}
.method-type{font-weight:600}.empty{padding:16px}
.ms-MessageBar{margin:12px 0;background:#fde7e9;padding:8px 12px}.ms-MessageBar--info{background:#f3f2f1}.ms-MessageBar--success{background:#dff6dd}
.ms-MessageBar-content{display:flex;gap:8px;align-items:center}.ms-MessageBar-text{flex:1}
.ms-Layer--fixed{position:fixed;inset:0;z-index:100}
.ms-Modal{position:fixed;inset:0;display:flex;align-items:center;justify-content:center}
.ms-Overlay{position:absolute;inset:0;background:rgba(0,0,0,.4)}
.ms-Dialog-main{position:relative;background:#fff;min-width:340px;max-width:560px;padding:24px;box-shadow:0 25px 50px rgba(0,0,0,.3)}
.ms-Dialog-header{display:flex;justify-content:space-between;align-items:flex-start}
.ms-Dialog-title{font-size:20px;font-weight:600;margin-bottom:12px}
.ms-Dialog-actions{margin-top:24px}.ms-Dialog-actionsRight{display:flex;justify-content:flex-end;gap:8px}
.method-option-row{padding:8px 0;border-bottom:1px solid #edebe9}.method-description{font-size:12px;color:#605e5c;padding-left:4px}
.method-badge{font-size:12px;background:#deecf9;padding:2px 6px;margin-left:8px}
.ms-Dropdown{border:1px solid #8a8886;padding:6px 8px;display:flex;justify-content:space-between;cursor:pointer;min-width:260px}
.ms-Dropdown-titleIsPlaceHolder{color:#605e5c}.ms-Dropdown-callout{background:#fff;box-shadow:0 6px 14px rgba(0,0,0,.2)}
.ms-Dropdown-item{display:block;width:100%;text-align:left;color:#323130;padding:6px 8px}
.security-key-types{display:flex;gap:12px;margin-top:8px}
.ms-TextField-field{width:100%;padding:6px 8px;border:1px solid #8a8886;font-size:14px}
.ms-TextField-errorMessage{color:#a4262c;font-size:12px;margin:4px 0}
.ms-Label{display:block;font-weight:600;margin:8px 0 4px}
`;

/** Initials for the me control avatar. */
function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

/** The client-side strings and settings the inline script needs. */
function clientState(state: SecurityInfoState, o: SecurityInfoOptions, s: Strings): Record<string, unknown> {
  return {
    sessionCtx: state.sessionCtx ?? '',
    variant: o.variant ?? 'current',
    order: o.look?.order ?? 'fasterFirst',
    hashed: o.look?.classes === 'hashed',
    signInFasterStep: o.signInFasterStep ?? true,
    maxNameLength: o.maxNameLength ?? 30,
    namePrefill: o.namePrefill ?? 'model',
    strings: {
      nameRequired: s.nameRequired,
      nameTooLong: fmt(s.nameTooLong, { max: o.maxNameLength ?? 30 }),
      createdText: s.createdText,
      close: s.close,
      banners: {
        MaxKeys: s.bannerMaxKeys,
        MfaRequired: s.bannerNeedMfa,
        SessionExpired: s.bannerSessionExpired,
        MethodUnavailable: s.methodUnavailable,
        KeyRestricted: s.bannerFidoKeyRestricted,
        AttestationRequired: s.bannerFidoAttestation,
        AlreadyRegistered: s.bannerFidoDuplicate,
        Failed: s.bannerFidoFailed,
        Deleted: s.bannerDeleted,
      },
    },
  };
}

/**
 * The account control (look.identity): `flyout` = name and UPN in separate elements of a hidden flyout (the me
 * control); `adjacent` = name and UPN side by side in the header with nothing between them, so the header's
 * textContent reads "Lee Guleeg@…"; `label` = the identity only in the collapsed button's aria-label.
 */
export function meControl(s: Strings, state: SecurityInfoState, look: PageLook, signOut: string): string {
  const label = fmt(s.meControlAria, { name: state.displayName });
  const pic = `<div class="mectrl_profilepic" aria-hidden="true">${e(initials(state.displayName))}</div>`;
  const signOutLink = `<a id="mectrl_body_signOut" class="mectrl_signout" href="${e(signOut)}">${e(s.signOut)}</a>`;
  switch (look.identity) {
    case 'flyout':
      return `<div id="meControl" class="mectrl_root">
    <button type="button" id="mectrl_main_trigger" class="mectrl_trigger" aria-label="${e(label)}" aria-expanded="false" aria-controls="mectrl_flyout" data-action="mectrl">
      ${pic}
    </button>
    <div id="mectrl_flyout" class="mectrl_flyout" hidden>
      <div id="mectrl_currentAccount_primary" class="mectrl_name mectrl_truncate">${e(state.displayName)}</div>
      <div id="mectrl_currentAccount_secondary" class="mectrl_accountDetails mectrl_truncate">${e(state.upn)}</div>
      ${signOutLink}
    </div>
  </div>`;
    case 'adjacent':
      return `<div id="meControl" class="mectrl_root">
    <button type="button" id="mectrl_main_trigger" class="mectrl_trigger mectrl_withText" aria-expanded="false" aria-controls="mectrl_flyout" data-action="mectrl"><div class="mectrl_header_text"><div class="mectrl_name">${e(state.displayName)}</div><div class="mectrl_accountDetails">${e(state.upn)}</div></div>${pic}</button>
    <div id="mectrl_flyout" class="mectrl_flyout" hidden>${signOutLink}</div>
  </div>`;
    case 'none':
      // Only the initials: nothing on the page says whose account this is.
      return `<div id="meControl" class="mectrl_root">
    <button type="button" id="mectrl_main_trigger" class="mectrl_trigger" aria-expanded="false" aria-controls="mectrl_flyout" data-action="mectrl"><div class="mectrl_profilepic">${e(initials(state.displayName))}</div></button>
    <div id="mectrl_flyout" class="mectrl_flyout" hidden>${signOutLink}</div>
  </div>`;
    case 'label':
      return `<div id="meControl" class="mectrl_root">
    <button type="button" id="mectrl_main_trigger" class="mectrl_trigger" aria-label="${e(`${label} (${state.upn})`)}" aria-expanded="false" aria-controls="mectrl_flyout" data-action="mectrl">
      ${pic}
    </button>
    <div id="mectrl_flyout" class="mectrl_flyout" hidden>${signOutLink}</div>
  </div>`;
  }
}

export function renderSecurityInfo(state: SecurityInfoState, o: SecurityInfoOptions = {}): string {
  const look = o.look ?? defaultLook();
  const html = securityInfoPage(state, { ...o, look }, look);
  return look.classes === 'hashed' ? hashClasses(html) : html;
}

function securityInfoPage(state: SecurityInfoState, o: SecurityInfoOptions, look: PageLook): string {
  const locale = o.locale ?? 'en';
  const s = stringsFor(locale, o.texts ?? {});
  const variant = o.variant ?? 'current';
  const dialogs = variant === 'legacy' ? LEGACY_DIALOGS : CURRENT_DIALOGS;
  const templates = dialogs
    .map((d) => `<template id="ms-dialog-${d}">${renderDialog(d, state, { ...o, dialogData: {} })}</template>`)
    .join('\n');
  const open = o.openDialog ? renderDialog(o.openDialog, state, o) : '';
  const banner = state.banner ? renderBanner(state.banner.text, state.banner.kind ?? 'error', s.dismiss) : '';
  const stateJson = JSON.stringify(clientState(state, o, s)).replace(/</g, '\\u003c');
  const signOut = state.signOutUrl ?? 'https://login.microsoftonline.com/common/oauth2/v2.0/logout';
  return `<!DOCTYPE html>
<html lang="${htmlLang(locale)}" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(s.msDocumentTitle)}</title><style>${CSS}</style></head>
<body class="ms-Fabric">
<div id="root" data-variant="${variant}">
<header class="ms-header" role="banner">
  <a class="ms-header-brand" href="/">${e(s.msTitle)}</a>
  ${meControl(s, state, look, signOut)}
</header>
<div class="layout">
  <nav class="nav" aria-label="${e(s.msTitle)}">
    <a href="/">${e(s.navOverview)}</a>
    <a href="/security-info" aria-current="page">${e(s.navSecurityInfo)}</a>
    <a href="#">${e(s.navDevices)}</a>
    <a href="#">${e(s.navOrganizations)}</a>
    <a href="#">${e(s.navPrivacy)}</a>
    <a href="#">${e(s.navRecentActivity)}</a>
  </nav>
  <main role="main" id="security-info">
    <div id="ms-banner-host">${banner}</div>
    <h1 class="page-title">${e(s.securityInfo)}</h1>
    <p class="page-description">${e(s.securityInfoDescription)}</p>
    ${button(s.addMethod, { action: 'open-add', kind: 'action', icon: 'Add', attrs: 'id="add-method-button"', look })}
    <div id="security-info-methods-host">${renderMethodsList(state, o)}</div>
  </main>
</div>
<div id="ms-dialog-host">${open}</div>
</div>
${templates}
<template id="ms-banner-template">${renderBanner('', 'error', s.dismiss)}</template>
<script id="mysignins-state" type="application/json">${stateJson}</script>
<script>${SECURITY_INFO_SCRIPT}</script>
</body></html>`;
}

/** The page's behaviour (plain ES2019, runs in the browser). */
export const SECURITY_INFO_SCRIPT = `(function(){
'use strict';
var S=JSON.parse(document.getElementById('mysignins-state').textContent);
// Class names as rendered: the hashed look maps each token through the server's hashClass (FNV-1a, base 36).
function K(c){ if(!S.hashed) return c; var h=0x811c9dc5; for(var i=0;i<c.length;i++){ h=Math.imul(h^c.charCodeAt(i),0x01000193)>>>0; } return 'r'+('0000000'+h.toString(36)).slice(-7).slice(0,7); }
function KS(c){ if(!S.hashed) return c; var m=/^ms-([A-Z][A-Za-z]*)$/.exec(c); return (m?'fui-'+m[1]+' ':'')+K(c); }
var T=S.strings;
var host=document.getElementById('ms-dialog-host');
var tf=20+Math.floor(Math.random()*50);
var pending=null, deleteTarget=null;
var clientSession=(self.crypto&&crypto.randomUUID)?crypto.randomUUID():String(Date.now());
function $(sel,root){return (root||document).querySelector(sel);}
function api(path,body){
  return fetch(path,{method:'POST',credentials:'same-origin',headers:{'Content-Type':'application/json','AjaxRequest':'true','SessionCtxV2':S.sessionCtx,'x-ms-client-session-id':clientSession,'x-ms-mysignins-region':'EU'},body:JSON.stringify(body||{})})
    .then(function(r){return r.json().catch(function(){return {};}).then(function(j){j.__status=r.status;return j;});});
}
function current(){return host.firstElementChild;}
function closeDialog(){host.innerHTML='';}
function openDialog(name,fill){
  var t=document.getElementById('ms-dialog-'+name); if(!t) return null;
  host.innerHTML=''; host.appendChild(t.content.cloneNode(true));
  var d=current();
  Array.prototype.forEach.call(d.querySelectorAll('input.'+K('ms-TextField-field')),function(inp){
    var old=inp.id, id='TextField'+(tf++), lab=d.querySelector('label[for="'+old+'"]'), eh=document.getElementById(old+'-error-host')||d.querySelector('[id="'+old+'-error-host"]');
    inp.id=id; if(lab){lab.setAttribute('for',id); lab.id=id+'-label';} if(eh) eh.id=id+'-error-host';
  });
  if(fill) fill(d);
  var f=d.querySelector('input.'+K('ms-TextField-field'))||d.querySelector('.'+K('ms-Button--primary'))||d.querySelector('button');
  if(f) f.focus();
  return d;
}
function banner(text,kind){
  var h=document.getElementById('ms-banner-host'); h.innerHTML='';
  if(!text) return;
  var t=document.getElementById('ms-banner-template'); h.appendChild(t.content.cloneNode(true));
  var b=document.getElementById('ms-banner'); b.className=KS('ms-MessageBar')+' '+K('ms-MessageBar--'+(kind||'error')); b.setAttribute('aria-label',kind||'error');
  $('.'+K('ms-MessageBar-innerText'),b).textContent=text;
}
function bannerText(r){return (r&&r.ErrorName&&T.banners[r.ErrorName])||(r&&r.ErrorMessage)||T.banners.Failed;}
function fieldError(msg){
  var d=current(); var inp=$('input.'+K('ms-TextField-field'),d); var eh=document.getElementById(inp.id+'-error-host');
  if(!msg){ if(eh) eh.innerHTML=''; inp.setAttribute('aria-invalid','false'); inp.removeAttribute('aria-describedby'); return; }
  eh.innerHTML='<p class="ms-TextField-errorMessage" role="alert"><span data-automation-id="error-message"></span></p>';
  $('span',eh).textContent=msg; inp.setAttribute('aria-invalid','true'); inp.setAttribute('aria-describedby',eh.id);
}
function refreshMethods(){
  return fetch('/security-info?partial=methods',{credentials:'same-origin'}).then(function(r){return r.ok?r.text():null;}).then(function(html){
    if(html!==null) document.getElementById('security-info-methods-host').innerHTML=html;
  });
}
function clearFragment(){ if(location.hash) history.replaceState(null,'',location.pathname+location.search); }
function readContext(){
  var c={}; try{ c=JSON.parse(sessionStorage.getItem('fidoProvisionContext')||'{}')||{}; }catch(e){ c={}; }
  var h=new URLSearchParams(location.hash.slice(1)); var canary=h.get('fidoProvisionSuccess');
  if(canary && c.Canary!==canary) c={Canary:canary,Type:S.variant==='legacy'?12:18};
  return c;
}
function startRegistration(type){
  banner('');
  return api('/api/authenticationmethods/new',{Type:type}).then(function(r){
    if(r.__status>=400||r.ErrorCode){ closeDialog(); banner(bannerText(r),'error'); return; }
    pending={type:type,data:JSON.parse(r.Data)};
    if(type===12){ openDialog('securityKeyType'); return; }
    if(S.signInFasterStep) openDialog(S.order==='settingUpFirst'?'settingUp':'signInFaster'); else submitToFido();
  });
}
function submitToFido(){
  if(!pending) return;
  var d=pending.data, rd=d.requestData, f=document.createElement('form');
  f.method='POST'; f.action=d.provisionUrl+'?cid='+encodeURIComponent(rd.correlationId||''); f.style.display='none';
  var fields={correlationId:rd.correlationId,canary:rd.canary,ExcludeNextGenCredentialsJSON:rd.ExcludeNextGenCredentialsJSON,memberName:rd.memberName,postBackUrl:rd.postBackUrl,serverChallenge:rd.serverChallenge,userDisplayName:rd.userDisplayName,userIconUrl:rd.userIconUrl||'',userId:rd.userId,authenticator:rd.authenticator||''};
  Object.keys(fields).forEach(function(k){ var i=document.createElement('input'); i.type='hidden'; i.name=k; i.value=fields[k]==null?'':String(fields[k]); f.appendChild(i); });
  document.body.appendChild(f); f.submit();
}
function saveName(){
  var d=current(), inp=$('input.'+K('ms-TextField-field'),d), name=inp.value.trim();
  if(!name){ fieldError(T.nameRequired); return; }
  if(name.length>S.maxNameLength){ fieldError(T.nameTooLong); return; }
  fieldError('');
  var c=readContext(), type=c.Type||(d.getAttribute('data-dialog')==='securityKeyName'?12:18);
  var vd={Name:name,Canary:c.Canary||'',AttestationObject:c.AttestationObject||'',ClientDataJson:c.ClientDataJson||'',CredentialId:c.CredentialId||'',ClientExtensionResults:c.ClientExtensionResults||'',PostInfo:'',AAGuid:c.AAGuid||'',CredentialDeviceType:c.CredentialDeviceType||'singleDevice'};
  api('/api/authenticationmethods/verify',{Type:type,VerificationData:JSON.stringify(vd)}).then(function(r){
    if(r.VerificationState===2){
      try{ sessionStorage.removeItem('fidoProvisionContext'); }catch(e){}
      var done=openDialog(type===12?'securityKeyDone':'created',function(dd){ var st=dd.querySelector('.'+K('ms-Dialog-subText')); if(st&&type!==12) st.textContent=T.createdText.replace('{name}',name); });
      return;
    }
    if(r.ErrorName==='InvalidName'){ fieldError(r.ErrorMessage||T.nameRequired); return; }
    closeDialog(); clearFragment(); banner(bannerText(r),'error');
  });
}
document.addEventListener('click',function(ev){
  var el=ev.target.closest?ev.target.closest('[data-action]'):null; if(!el) return;
  var a=el.getAttribute('data-action'); if(!a) return;
  if(el.tagName==='A') ev.preventDefault();
  switch(a){
    case 'mectrl': { var fl=document.getElementById('mectrl_flyout'); fl.hidden=!fl.hidden; el.setAttribute('aria-expanded',String(!fl.hidden)); break; }
    case 'open-add': banner(''); openDialog(S.variant==='legacy'?'addMethodLegacy':'addMethod'); break;
    case 'show-more': { var m=$('.'+K('more-methods'),current()); if(m) m.hidden=false; el.setAttribute('aria-expanded','true'); el.hidden=true; break; }
    case 'choose': { var method=el.getAttribute('data-method'); if(method==='passkey') startRegistration(18); else { closeDialog(); banner(T.banners.MethodUnavailable,'info'); } break; }
    case 'dropdown-toggle': { var cal=$('.'+K('ms-Dropdown-callout'),current()); cal.hidden=!cal.hidden; el.setAttribute('aria-expanded',String(!cal.hidden)); break; }
    case 'dropdown-select': {
      var d=current(), dd=$('[role=combobox]',d), title=$('.'+K('ms-Dropdown-title'),dd);
      Array.prototype.forEach.call(d.querySelectorAll('[role=option]'),function(o){o.setAttribute('aria-selected',String(o===el));});
      dd.setAttribute('data-value',el.getAttribute('data-value')); title.textContent=el.getAttribute('title'); title.classList.remove(K('ms-Dropdown-titleIsPlaceHolder'));
      $('.'+K('ms-Dropdown-callout'),d).hidden=true; dd.setAttribute('aria-expanded','false'); break; }
    case 'legacy-add': { var v=$('[role=combobox]',current()).getAttribute('data-value'); if(v==='securityKey') startRegistration(12); else if(v){ closeDialog(); banner(T.banners.MethodUnavailable,'info'); } break; }
    case 'key-type': if(pending) pending.keyType=el.getAttribute('data-value'); openDialog('securityKeyReady'); break;
    case 'back-to-type': openDialog('securityKeyType'); break;
    case 'go-fido': submitToFido(); break;
    case 'close': closeDialog(); pending=null; clearFragment(); break;
    case 'name-next': saveName(); break;
    case 'done': closeDialog(); clearFragment(); refreshMethods(); break;
    case 'delete': deleteTarget={id:el.getAttribute('data-method-id'),type:el.getAttribute('data-method-type')}; openDialog(deleteTarget.type==='tap'?'deleteTap':(S.variant==='legacy'?'deleteLegacy':'delete')); break;
    case 'confirm-delete': if(deleteTarget){ var t=deleteTarget; deleteTarget=null; api('/api/authenticationmethods/delete',{Type:t.type==='tap'?21:(S.variant==='legacy'?12:18),Id:t.id}).then(function(r){ closeDialog(); if(r.ErrorCode){ banner(bannerText(r),'error'); } refreshMethods(); }); } break;
    case 'dismiss-banner': banner(''); break;
    default: break;
  }
});
document.addEventListener('keydown',function(ev){
  if(ev.key==='Enter'&&ev.target&&ev.target.classList&&ev.target.classList.contains(K('ms-TextField-field'))){ ev.preventDefault(); saveName(); }
  if(ev.key==='Enter'&&ev.target&&ev.target.getAttribute&&ev.target.getAttribute('role')==='combobox'){ ev.target.click(); }
  // rows rendered as focusable list items or options act on Enter/Space like buttons
  var r=ev.target&&ev.target.getAttribute?ev.target.getAttribute('role'):null;
  if((ev.key==='Enter'||ev.key===' ')&&(r==='listitem'||r==='option')&&ev.target.hasAttribute('data-action')){ ev.preventDefault(); ev.target.click(); }
});
(function onLoad(){
  var h=new URLSearchParams(location.hash.slice(1));
  if(h.get('fidoProvisionSuccess')){
    var c=readContext(), legacy=c.Type===12;
    openDialog(legacy?'securityKeyName':'name',function(d){ var inp=d.querySelector('input.'+K('ms-TextField-field')); if(inp&&S.namePrefill==='model'&&c.DefaultName) inp.value=String(c.DefaultName).slice(0,S.maxNameLength); });
  } else if(h.get('fidoProvisionError')){
    var code=h.get('fidoProvisionError'); clearFragment();
    if(code!=='UserCanceled') banner(T.banners[code]||T.banners.Failed,'error');
  }
})();
})();`;
