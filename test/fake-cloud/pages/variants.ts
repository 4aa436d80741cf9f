/**
 * The page-variant matrix: every view the guided drivers handle, described once (where it is served, what it
 * says — heading and controls as string keys — and which look axes change it), rendered by the one renderer per
 * page (signin-views.ts, security-info.ts, fido-create.ts) in any look × language.
 *
 * Unit tests iterate `VIEWS × LOOK_NAMES × LANGS` (renderings.ts in test/unit/support loads them into happy-dom);
 * the guided e2e matrix runs `guidedMatrix()` (every look in ≥ 3 languages, every language on ≥ 3 looks).
 */
import { stringsFor, type StringKey } from './i18n.ts';
import {
  AXES,
  AXIS_NAMES,
  LANGS,
  LOOK_NAMES,
  NAMED_LOOKS,
  resolveLook,
  type Axis,
  type LookName,
  type PageLang,
  type PageLook,
} from './look.ts';
import { renderFidoCreate } from './fido-create.ts';
import { renderSecurityInfo, type SecurityInfoDialog, type SecurityInfoState } from './security-info.ts';
import { renderSignInView, type SignInViewName } from './signin-views.ts';

export {
  AXES,
  AXIS_NAMES,
  LANGS,
  LOOK_NAMES,
  NAMED_LOOKS,
  resolveLook,
  type Axis,
  type LookName,
  type PageLang,
  type PageLook,
};

/** The identity the views show (a fixed tenant user: Lee Gu). */
export const VIEW_USER = { upn: 'leeg@contoso.onmicrosoft.com', displayName: 'Lee Gu' };

export type ViewHost = 'login' | 'mysignins' | 'fido';

export interface ViewSpec {
  /** `login.username`, `mysignins.addMethod`, … */
  id: string;
  host: ViewHost;
  /** The URL it is served at (recognisers use the URL too). */
  url: string;
  /** The heading (sign-in pages) or the dialog's label (My Sign-ins dialogs), as a string key. */
  heading: StringKey | ((look: PageLook) => StringKey);
  /** Controls a driver acts on, by the accessible name it should find (string keys). */
  controls: StringKey[];
  /** Named form fields (`name` attribute) a driver fills. */
  fields?: string[];
  /** Whether the view is on the flow for this look (the nudge only with `nudge: on`, …). */
  appearsIn?: (look: PageLook) => boolean;
  /** The look axes that change its markup (the others leave it byte-identical). */
  axes: Axis[];
  /** A name for what the view is (close to the recognisers' kinds in src/content/guided; informational). */
  kind: string;
  render(look: PageLook, lang: PageLang): string;
}

const LOGIN_URL = 'https://login.microsoftonline.com/7f3c9a4e-1d2b-4c5a-9e8f-0a1b2c3d4e5f/login';
const SECINFO_URL = 'https://mysignins.microsoft.com/security-info';
const FIDO_URL = 'https://login.microsoft.com/7f3c9a4e-1d2b-4c5a-9e8f-0a1b2c3d4e5f/fido/create?cid=1';

const SIGNIN_AXES: Axis[] = ['signInStyle'];
const DIALOG_AXES: Axis[] = ['icons', 'classes', 'dialog', 'identity'];

function signIn(
  view: SignInViewName,
  spec: Omit<ViewSpec, 'id' | 'host' | 'url' | 'render' | 'axes'> & { axes?: Axis[]; extra?: object },
): ViewSpec {
  return {
    id: `login.${view}`,
    host: 'login',
    url: LOGIN_URL,
    axes: [...SIGNIN_AXES, ...(spec.axes ?? [])],
    ...spec,
    render: (look, lang) =>
      renderSignInView(view, {
        locale: lang,
        look,
        style: look.signInStyle,
        upn: VIEW_USER.upn,
        accounts: [VIEW_USER],
        ...(spec.extra ?? {}),
      }),
  };
}

const secInfoState: SecurityInfoState = {
  upn: VIEW_USER.upn,
  displayName: VIEW_USER.displayName,
  methods: [{ kind: 'password', id: 'pw', dateMs: Date.UTC(2024, 5, 13) }],
  passkeyAvailable: true,
};

function dialog(
  name: SecurityInfoDialog | null,
  spec: Omit<ViewSpec, 'id' | 'host' | 'url' | 'render' | 'axes'> & { axes?: Axis[]; legacy?: boolean },
): ViewSpec {
  return {
    id: `mysignins.${name ?? 'securityInfo'}`,
    host: 'mysignins',
    url: name === 'name' ? `${SECINFO_URL}#fidoProvisionSuccess=c` : SECINFO_URL,
    axes: [...DIALOG_AXES, ...(spec.axes ?? [])],
    ...spec,
    render: (look, lang) =>
      renderSecurityInfo(secInfoState, {
        locale: lang,
        look,
        variant: spec.legacy ? 'legacy' : 'current',
        openDialog: name ?? undefined,
        dialogData: name === 'name' ? { name: 'YubiKey 5 NFC' } : name === 'created' ? { name: 'Lee key' } : {},
        nowMs: Date.UTC(2026, 11, 6),
      }),
  };
}

/** Every view the guided drivers handle, each described once. */
export const VIEWS: ViewSpec[] = [
  signIn('username', {
    heading: 'signIn',
    controls: ['next'],
    fields: ['loginfmt'],
    axes: ['trap'],
    kind: 'username',
  }),
  signIn('tap', {
    heading: 'enterTap',
    controls: ['signInButton', 'usePasswordInstead'],
    fields: ['accesspass'],
    kind: 'tap',
  }),
  signIn('password', {
    heading: 'enterPassword',
    controls: ['signInButton', 'useTapInstead'],
    fields: ['passwd'],
    kind: 'password',
    extra: { tapLink: true },
  }),
  signIn('passkeyFirst', {
    heading: 'passkeyFirstTitle',
    controls: ['usePasswordInstead'],
    kind: 'passkey-first',
    appearsIn: (l) => l.passkeyFirst === 'on',
  }),
  signIn('kmsi', { heading: 'kmsiTitle', controls: ['no', 'yes'], kind: 'kmsi', appearsIn: (l) => l.kmsi === 'on' }),
  signIn('proofUp', {
    heading: 'proofUpTitle',
    controls: ['next'],
    kind: 'proofup',
    appearsIn: (l) => l.proofUp === 'on',
  }),
  signIn('nudge', {
    heading: 'signInFasterTitle',
    controls: ['next', 'skipForNow', 'otherOptions'],
    kind: 'nudge',
    appearsIn: (l) => l.nudge === 'on',
  }),
  signIn('nudgeError', {
    heading: 'nudgeErrorTitle',
    controls: ['skip'],
    kind: 'nudge',
    appearsIn: (l) => l.nudge === 'on',
  }),
  signIn('picker', { heading: 'pickAccount', controls: ['useAnotherAccount'], kind: 'picker' }),
  {
    id: 'fido.create',
    host: 'fido',
    url: FIDO_URL,
    heading: (l) => (l.order === 'settingUpFirst' ? 'signInFasterTitle' : 'fidoTitle'),
    controls: ['next', 'cancel'],
    axes: ['order'],
    kind: 'fido-create',
    render: (look, lang) => renderFidoCreate({ locale: lang, order: look.order, request: { canary: 'c' } }),
  },
  dialog(null, { heading: 'securityInfo', controls: ['addMethod'], kind: 'security-info' }),
  dialog('addMethod', {
    heading: 'addDialogTitle',
    controls: ['passkey', 'showMoreOptions'],
    axes: ['methodRow', 'option'],
    kind: 'add-method-dialog',
  }),
  dialog('signInFaster', {
    heading: 'signInFasterTitle',
    controls: ['next', 'back'],
    kind: 'passkey-intro',
    appearsIn: (l) => l.order === 'fasterFirst',
  }),
  dialog('settingUp', {
    heading: 'fidoTitle',
    controls: ['next', 'cancel'],
    kind: 'passkey-intro',
    appearsIn: (l) => l.order === 'settingUpFirst',
  }),
  dialog('name', { heading: 'nameTitle', controls: ['next'], kind: 'name-passkey' }),
  dialog('created', { heading: 'createdTitle', controls: ['done'], kind: 'passkey-created' }),
  dialog('addMethodLegacy', {
    heading: 'addDialogTitleLegacy',
    controls: ['add'],
    kind: 'legacy-picker',
    legacy: true,
  }),
  dialog('securityKeyType', {
    heading: 'securityKeyTitle',
    controls: ['usbDevice', 'nfcDevice'],
    kind: 'legacy-device',
    legacy: true,
  }),
];

export function viewById(id: string): ViewSpec {
  const v = VIEWS.find((x) => x.id === id);
  if (!v) throw new Error(`Unknown view "${id}" (views: ${VIEWS.map((x) => x.id).join(', ')})`);
  return v;
}

/** The text a string key shows in a language. */
export function textOf(key: StringKey, lang: PageLang): string {
  return stringsFor(lang)[key];
}

export function headingKey(view: ViewSpec, look: PageLook): StringKey {
  return typeof view.heading === 'function' ? view.heading(look) : view.heading;
}

/** One rendering of the matrix. */
export interface Rendering {
  view: ViewSpec;
  lookName: LookName;
  /** Every named look that renders this view identically (with `distinct`), the first being `lookName`. */
  lookNames: LookName[];
  look: PageLook;
  lang: PageLang;
  html: string;
  /** `login.username × fluent9-hashed × fr`. */
  label: string;
}

/** Renders one view × look × language. */
export function renderVariant(viewId: string, look: LookName | Partial<PageLook>, lang: PageLang): Rendering {
  const view = viewById(viewId);
  const resolved = resolveLook(look);
  const lookName = typeof look === 'string' ? look : ('custom' as LookName);
  return {
    view,
    lookName,
    lookNames: [lookName],
    look: resolved,
    lang,
    html: view.render(resolved, lang),
    label: `${view.id} × ${lookName} × ${lang}`,
  };
}

/**
 * Every view × named look × language where the view appears in that look (the unit-test matrix). With `distinct`,
 * looks that render a view byte-identically are tested once (`lookNames` lists them all): most axes touch only
 * some views, so this keeps every variant while parsing about a third of the pages.
 */
export function allRenderings(
  filter: { views?: string[]; looks?: LookName[]; langs?: PageLang[]; distinct?: boolean } = {},
): Rendering[] {
  const out: Rendering[] = [];
  const byHtml = new Map<string, Rendering>();
  for (const view of VIEWS) {
    if (filter.views && !filter.views.includes(view.id)) continue;
    for (const lookName of filter.looks ?? LOOK_NAMES) {
      const look = resolveLook(lookName);
      if (view.appearsIn && !view.appearsIn(look)) continue;
      for (const lang of filter.langs ?? LANGS) {
        const r = renderVariant(view.id, lookName, lang);
        // scripts (the page's behaviour and client state) are no markup a recogniser reads
        const key = `${view.id}\n${lang}\n${r.html.replace(/<script[\s\S]*?<\/script>/g, '')}`;
        const same = filter.distinct ? byHtml.get(key) : undefined;
        if (same) {
          same.lookNames.push(lookName);
          same.label = `${view.id} × ${same.lookNames.join('|')} × ${lang}`;
          continue;
        }
        byHtml.set(key, r);
        out.push(r);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The guided e2e matrix

export interface GuidedCase {
  look: LookName;
  lang: PageLang;
}

/**
 * The look × language pairs the guided e2e runs: `per` languages for every look and `per` looks for every language,
 * by walking both lists in step (8 looks and 9 languages are coprime, so no pair repeats before 72); `full` gives
 * the cross product.
 */
export function guidedMatrix(o: { per?: number; full?: boolean } = {}): GuidedCase[] {
  const looks = LOOK_NAMES;
  const langs = [...LANGS];
  if (o.full) return looks.flatMap((look) => langs.map((lang) => ({ look, lang })));
  const per = o.per ?? 3;
  const n = Math.max(looks.length, langs.length) * per;
  const seen = new Set<string>();
  const out: GuidedCase[] = [];
  for (let i = 0; out.length < n && i < looks.length * langs.length; i++) {
    const c = { look: looks[i % looks.length]!, lang: langs[i % langs.length]! };
    const key = `${c.look}/${c.lang}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}
