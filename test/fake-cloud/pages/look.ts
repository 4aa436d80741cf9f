/**
 * The page-variant axes of the fake Microsoft pages: how a view is *rendered* (markup, roles, icons, classes, order
 * of screens, optional interrupts), independent of what it *says* (i18n.ts) and of what the server does.
 *
 * Each axis is one independent choice; a "look" picks one value per axis. The first value of each axis is the
 * default and reproduces the fake pages as they were before the matrix (so older tests keep their markup).
 * Named looks (the variant list the matrix iterates) are in variants.ts; this module is import-free so config.ts can
 * use it.
 */

/** Every axis with its values; the first value is the default. */
export const AXES = {
  /** Fluent v8 `<i data-icon-name aria-hidden>` holding a private-use glyph inside buttons (reference §10.1.4). */
  icons: ['plain', 'glyph'],
  /** "Add a sign-in method" rows: name button + separate description and "Recommended" tag (`apart`), or all three
   *  inside the clickable element, the name given by aria-labelledby and the description by aria-describedby. */
  methodRow: ['apart', 'inside'],
  /** What a method option is: a button, a link, a focusable `role=listitem` or `role=option` in a listbox. */
  option: ['button', 'link', 'listitem', 'option'],
  /** Fluent v8 `ms-*` classes, or Fluent v9-like `fui-*` + hashed atomic classes (no `ms-` anywhere). */
  classes: ['fluent8', 'hashed'],
  /** Dialog container: `role=dialog` + aria-modal, or only a `div[aria-modal=true][aria-labelledby]` (no role). */
  dialog: ['role', 'ariaModal'],
  /** The signed-in identity on My Sign-ins: a hidden flyout with separate name/UPN elements, name and UPN adjacent
   *  and visible in the header (concatenated textContent "Lee Guleeg@…", the trap), only in the collapsed
   *  account button's aria-label, or nowhere (initials only: the drivers must ask the admin, never assume). */
  identity: ['flyout', 'adjacent', 'label', 'none'],
  /** The username view's `#i0118` prefill catcher: `.moveOffScreen` + aria-hidden (Entra), or positioned off-screen
   *  with a real box, no aria-hidden and no telling class (passes naive visibility checks, reference §10.2.4). */
  trap: ['moveOffScreen', 'offscreen'],
  /** "Sign in faster…" on My Sign-ins then "Setting up your passkey" on fido/create (Learn doc), or "Setting up your
   *  passkey" on My Sign-ins then "Sign in faster…" on fido/create (support wiki, reference §10.1.6). */
  order: ['fasterFirst', 'settingUpFirst'],
  /** The September 2026 registration-campaign passkey nudge after the TAP sign-in ("Next", "Other options",
   *  "Skip for now"; reference §10.5). */
  nudge: ['off', 'on'],
  /** "Stay signed in?" after the My Sign-ins sign-in. */
  kmsi: ['on', 'off'],
  /** "More information required" (proof-up interrupt) after the credentials. */
  proofUp: ['off', 'on'],
  /** A passkey-first screen after the username ("Use your password instead", `#idA_PWD_SwitchToPassword`, §10.2.5),
   *  which leads to the password view and its "Use your Temporary Access Pass instead" link. */
  passkeyFirst: ['off', 'on'],
  /** `converged` Entra markup or the consumer-MSA-like `data-testid` markup (§3.9). */
  signInStyle: ['converged', 'testid'],
  /** Whether `?lng=` (My Sign-ins) and `mkt=`/`lc=` (sign-in pages) change the language. `ignored`: the pages stay
   *  in the configured (browser) language whatever the request asks, which forces the non-English paths;
   *  `firstPage`: only the page answering the authorize request honours `mkt` (later POSTed pages, KMSI, do not). */
  langRequest: ['honoured', 'ignored', 'firstPage'],
} as const;

export type Axis = keyof typeof AXES;
export type PageLook = { -readonly [A in Axis]: (typeof AXES)[A][number] };

export const AXIS_NAMES = Object.keys(AXES) as Axis[];

export function defaultLook(): PageLook {
  return Object.fromEntries(AXIS_NAMES.map((a) => [a, AXES[a][0]])) as PageLook;
}

/** A complete look from a partial one (unknown axes and values are refused loudly: a typo must not test nothing). */
export function completeLook(partial: Partial<PageLook> = {}): PageLook {
  const look = defaultLook();
  for (const [k, v] of Object.entries(partial)) {
    if (v === undefined) continue;
    if (!(k in AXES)) throw new Error(`Unknown page-look axis "${k}" (axes: ${AXIS_NAMES.join(', ')})`);
    const values = AXES[k as Axis] as readonly string[];
    if (!values.includes(v)) throw new Error(`Unknown value "${v}" for page-look axis "${k}" (${values.join(', ')})`);
    (look as Record<string, string>)[k] = v;
  }
  return look;
}

// ---------------------------------------------------------------------------------------------
// Languages

/** The languages the fake pages speak (issue 10: en, de, fr, es, ja, it, pt-BR, nl, pl). */
export const LANGS = ['en', 'de', 'fr', 'es', 'ja', 'it', 'pt-BR', 'nl', 'pl'] as const;
export type PageLang = (typeof LANGS)[number];

/** Market (LocLC, `$Config.locale.mkt`) and LCID (ReqLC, `$Config.locale.lcid`) per language (Windows LCIDs). */
export const LANG_LOCALE: Record<PageLang, { mkt: string; lcid: number }> = {
  en: { mkt: 'en-US', lcid: 1033 },
  de: { mkt: 'de-DE', lcid: 1031 },
  fr: { mkt: 'fr-FR', lcid: 1036 },
  es: { mkt: 'es-ES', lcid: 3082 },
  ja: { mkt: 'ja-JP', lcid: 1041 },
  it: { mkt: 'it-IT', lcid: 1040 },
  'pt-BR': { mkt: 'pt-BR', lcid: 1046 },
  nl: { mkt: 'nl-NL', lcid: 1043 },
  pl: { mkt: 'pl-PL', lcid: 1045 },
};

/** The fake's language for a requested tag (`en`, `en-US`, `pt-br`, `fr-CA`, an LCID such as `1033`), if it has one. */
export function langFor(tag: string | null | undefined): PageLang | undefined {
  if (!tag) return undefined;
  const t = tag.trim().toLowerCase();
  if (/^\d+$/.test(t)) return LANGS.find((l) => String(LANG_LOCALE[l].lcid) === t);
  if (t === 'pt-br' || t === 'pt') return 'pt-BR';
  const base = t.split(/[-_]/)[0];
  return LANGS.find((l) => l.toLowerCase() === base);
}

/** `<html lang>` value: the language subtag (Entra serves `lang="en"` with LocLC en-US, saml2aws captures), the
 *  region only where it is the language (pt-BR). */
export function htmlLang(lang: PageLang): string {
  return lang;
}

/** Deterministic short hash for Fluent-v9-like atomic class names (`r1alrhcs`-style). */
export function hashClass(token: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193) >>> 0;
  return `r${h.toString(36).padStart(7, '0').slice(0, 7)}`;
}

// ---------------------------------------------------------------------------------------------
// Named looks: the variant list the matrix iterates. Together they cover every value of every axis (a unit test
// checks it). Add one by naming the axes that differ from the default, e.g. from a page report.

export const NAMED_LOOKS = {
  /** The fake pages as they were before the matrix. */
  default: {},
  /** Fluent v8 with icon glyphs in the buttons; name and UPN side by side in the header; sign-in pages honour `mkt`
   *  on the first page only (as for logout in MSAL-js #6001). */
  'fluent8-glyph': { icons: 'glyph', identity: 'adjacent', langRequest: 'firstPage' },
  /** Fluent v9: hashed classes, glyphs, rows with everything inside the option, `role=option`, aria-modal dialogs,
   *  identity only in the account button's label; language requests ignored. */
  'fluent9-hashed': {
    classes: 'hashed',
    icons: 'glyph',
    methodRow: 'inside',
    option: 'option',
    dialog: 'ariaModal',
    identity: 'label',
    langRequest: 'ignored',
  },
  /** Options as links; the passkey nudge after the TAP; "Setting up your passkey" first; the off-screen trap; no
   *  name or UPN anywhere on My Sign-ins (the admin confirms who is signed in). */
  'links-nudge': { option: 'link', nudge: 'on', order: 'settingUpFirst', trap: 'offscreen', identity: 'none' },
  /** Options as focusable list items; proof-up interrupt; no KMSI; passkey-first sign-in. */
  'listitems-interrupts': {
    option: 'listitem',
    proofUp: 'on',
    kmsi: 'off',
    passkeyFirst: 'on',
    identity: 'adjacent',
  },
  /** Consumer-MSA-like `data-testid` sign-in markup, aria-modal dialogs, rows with everything inside; English
   *  requests ignored. */
  'msa-style': { signInStyle: 'testid', methodRow: 'inside', dialog: 'ariaModal', langRequest: 'ignored' },
  /** The page stays in the browser's language whatever the job asks, with glyphs and the nudge. */
  'lang-ignored': { langRequest: 'ignored', icons: 'glyph', nudge: 'on', identity: 'label' },
  /** Every non-default value at once. */
  'kitchen-sink': {
    icons: 'glyph',
    methodRow: 'inside',
    option: 'option',
    classes: 'hashed',
    dialog: 'ariaModal',
    identity: 'adjacent',
    trap: 'offscreen',
    order: 'settingUpFirst',
    nudge: 'on',
    kmsi: 'off',
    proofUp: 'on',
    passkeyFirst: 'on',
    signInStyle: 'testid',
    langRequest: 'ignored',
  },
} as const satisfies Record<string, Partial<PageLook>>;

export type LookName = keyof typeof NAMED_LOOKS;
export const LOOK_NAMES = Object.keys(NAMED_LOOKS) as LookName[];

/** A look from a name or a partial look (as stored in `config.pages.look`). */
export function resolveLook(spec: string | Partial<PageLook> | undefined | null): PageLook {
  if (typeof spec === 'string') {
    if (!(spec in NAMED_LOOKS)) throw new Error(`Unknown page look "${spec}" (known: ${LOOK_NAMES.join(', ')})`);
    return completeLook(NAMED_LOOKS[spec as LookName] as Partial<PageLook>);
  }
  return completeLook(spec ?? {});
}
