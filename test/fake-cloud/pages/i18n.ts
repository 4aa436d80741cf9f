/**
 * Visible texts of the fake pages: English and German here, fr, es, ja, it, pt-BR, nl, pl in i18n-langs.ts. Keys are stable; `{name}` placeholders are filled by `fmt`.
 * English texts marked (ref) are quoted in shared/reference/microsoft-pages.md; the others, and all German texts,
 * are plausible stand-ins (a real localized page translates texts, aria-labels and placeholders, never ids,
 * names, roles or routes).
 */
import type { PagesLocale, TapErrorKind } from './config.ts';
import { LANG_LOCALE } from './look.ts';
import { MORE_LANGS } from './i18n-langs.ts';

const EN = {
  // --- sign-in (login.microsoftonline.com) ---------------------------------------------------
  documentTitle: 'Sign in to your account',
  signIn: 'Sign in', // (ref)
  pickAccount: 'Pick an account', // (ref)
  pickAccountSignOut: 'Which account do you want to sign out of?',
  useAnotherAccount: 'Use another account', // (ref)
  signedIn: 'Signed in',
  tileAria: 'Sign in with {upn} work or school account.',
  usernamePlaceholder: 'Email, phone, or Skype', // (ref)
  usernameAria: 'Enter your email, phone, or Skype.', // (ref)
  next: 'Next', // (ref)
  back: 'Back',
  cantAccess: "Can't access your account?", // (ref)
  signInOptions: 'Sign-in options', // (ref)
  enterPassword: 'Enter password', // (ref)
  passwordPlaceholder: 'Password', // (ref)
  passwordAria: 'Enter the password for {upn}', // (ref)
  forgotPassword: 'Forgot my password',
  otherWays: 'Other ways to sign in', // (ref)
  useTapInstead: 'Use your Temporary Access Pass instead', // (ref)
  enterTap: 'Enter Temporary Access Pass', // (ref)
  tapPlaceholder: 'Temporary Access Pass', // (L: one script matches placeholder*="Temporary Access Pass")
  tapAria: 'Enter Temporary Access Pass',
  usePasswordInstead: 'Use your password instead', // (ref, M)
  signInButton: 'Sign in', // (ref)
  kmsiTitle: 'Stay signed in?', // (ref)
  kmsiDescription: 'Do this to reduce the number of times you are asked to sign in.', // (ref)
  kmsiDontShow: "Don't show this again", // (ref)
  no: 'No', // (ref)
  yes: 'Yes', // (ref)
  proofUpTitle: 'More information required', // (ref)
  proofUpDescription: 'Your organization needs more information to keep your account secure', // (ref)
  proofUpOtherAccount: 'Use a different account',
  learnMore: 'Learn more',
  caTitle: 'You cannot access this right now',
  caDescription:
    'Your sign-in was successful but does not meet the criteria to access this resource. For example, you might be signing in from a browser, app, or location that is restricted by your admin.',
  caSignOut: 'Sign out and sign in with a different account',
  caMoreDetails: 'More details',
  signedOutTitle: 'You signed out of your account', // (ref, consumer regex)
  signedOutText: 'It’s a good idea to close all browser windows.',
  usernameEmpty: 'Enter a valid email address, phone number, or Skype name.', // (ref)
  usernameUnknown: 'This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.', // (ref)
  passwordEmpty: 'Please enter your password.',
  passwordWrong:
    'Your account or password is incorrect. If you don\'t remember your password, <a id="idA_IL_ForgotPassword0" href="#">reset it now</a>.', // (ref)
  accountLocked: 'Your account has been locked. Contact your support person to unlock it, then try again.',
  tapWrong: 'An access pass could not be found or verified for the user.', // AADSTS130507 (M); inline text NONE
  tapEmpty: 'Please enter your Temporary Access Pass.',
  tapExpired: 'Your Temporary Access Pass has expired.', // AADSTS130504 (M)
  tapUsed: 'Temporary Access Pass sign in was blocked due to User Credential Policy', // (ref, H)
  tapNotYetValid: 'Your Temporary Access Pass is not valid yet.',
  tapBlocked: 'Temporary Access Pass sign in was blocked due to User Credential Policy', // (ref)

  // --- My Sign-ins (mysignins.microsoft.com) -------------------------------------------------
  msTitle: 'My Sign-Ins',
  msDocumentTitle: 'My Sign-Ins | Security Info | Microsoft.com',
  navOverview: 'Overview',
  navSecurityInfo: 'Security info',
  navOrganizations: 'Organizations',
  navDevices: 'Devices',
  navPrivacy: 'Privacy',
  navRecentActivity: 'Recent activity',
  meControlAria: 'Account manager for {name}',
  signOut: 'Sign out',
  securityInfo: 'Security info', // (ref)
  securityInfoDescription: 'These are the methods you use to sign into your account or reset your password.',
  defaultMethod: 'Default sign-in method:',
  addMethod: 'Add sign-in method', // (ref)
  methodsAria: 'Security info methods',
  noMethods: 'No items to display.',
  rowPassword: 'Password',
  rowPasswordDetail: 'Last updated: {date}',
  change: 'Change',
  rowTap: 'Temporary Access Pass', // (ref)
  rowTapDetail: 'Expires {date}',
  rowTapExpired: 'Expired',
  rowPasskeyDeviceBound: 'Passkey (Device bound)', // (ref)
  rowPasskeySynced: 'Passkey (Synced)', // (ref)
  rowSecurityKey: 'Security key', // (ref, legacy)
  delete: 'Delete', // (ref)
  deletePasskeyAria: 'Delete Passkey', // (ref)
  deleteTapAria: 'Delete Temporary Access Pass',
  deleteSecurityKeyAria: 'Delete Security key',
  deleteTitle: 'Delete passkey',
  deleteTitleLegacy: 'Delete security key', // (ref, legacy)
  deleteText: 'Are you sure you would like to delete this method for your account?',
  ok: 'Ok', // (ref, legacy)
  cancel: 'Cancel',
  close: 'Close',
  addDialogTitle: 'Add a sign-in method', // (ref)
  recommended: 'Recommended',
  passkey: 'Passkey', // (ref)
  passkeyDescription: 'Sign in with your face, fingerprint, PIN, or security key',
  showMoreOptions: 'Show more options', // (ref)
  methodAuthenticator: 'Microsoft Authenticator',
  methodAuthenticatorDescription: 'Approve sign-in requests or use one-time codes',
  methodPhone: 'Phone',
  methodPhoneDescription: 'Get a call or text to sign in with a code',
  methodEmail: 'Email',
  methodEmailDescription: 'Use an email address to reset your password',
  methodUnavailable: 'This method can’t be added in this environment.',
  signInFasterTitle: 'Sign in faster with your face, fingerprint, or PIN', // (ref)
  signInFasterText:
    'Passkeys are a safer, faster way to sign in. Next, your browser or device will ask where to save your passkey.',
  nameTitle: 'Let\u2019s name your passkey', // (ref)
  nameText: 'Give your passkey a name to help you identify it later.',
  nameLabel: 'Passkey name',
  nameRequired: 'Enter a name for your passkey.',
  nameTooLong: 'The name can be up to {max} characters long.',
  createdTitle: 'Passkey created', // (ref)
  createdText: 'You can now use your passkey "{name}" to sign in.',
  done: 'Done', // (ref)
  bannerMaxKeys: 'You have already reached the limit of 10 security keys', // (ref)
  bannerNeedMfa: 'To set up a security key, you need to sign in with two-factor authentication.', // (ref)
  bannerSessionExpired: 'Your session has expired. Refresh the page and sign in again.',
  bannerFidoFailed: 'Your passkey couldn’t be added. Try again.',
  bannerFidoKeyRestricted: 'This security key isn’t allowed by your organization. Use a different key.',
  bannerFidoAttestation:
    'Your organization requires a security key whose make and model can be verified. Use a different key.',
  bannerFidoDuplicate: 'This passkey is already registered.',
  bannerDeleted: 'The method was deleted.',
  dismiss: 'Close',
  // legacy (2019–2024)
  addDialogTitleLegacy: 'Add a method', // (ref)
  addDialogTextLegacy: 'Which method would you like to add?',
  methodOptionsAria: 'Authentication method options', // (ref)
  chooseMethod: 'Choose a method',
  securityKey: 'Security key', // (ref)
  add: 'Add', // (ref)
  securityKeyTitle: 'Security key', // (ref)
  securityKeyTypeText: 'Choose the type of security key that you have.',
  usbDevice: 'USB device', // (ref)
  nfcDevice: 'NFC device', // (ref)
  securityKeyReadyText: 'Have your security key physically available.', // (ref)
  securityKeyReadyDetail:
    'You will need to plug your key into a USB port or tap it on the NFC reader, and create or enter its PIN.',
  securityKeyNameText: 'Name your security key. This will help distinguish it from other keys.',
  securityKeyNameLabel: 'Name',
  securityKeyDoneText: 'You’re all set! You can now use your security key instead of a password to sign in.',

  // --- fido/create (login.microsoft.com) -----------------------------------------------------
  fidoTitle: 'Setting up your passkey...', // (ref)
  fidoText: 'Your device is opening a security window. Follow the instructions to finish setting up your passkey.', // (ref)
  fidoTitleLegacy: 'Setting up your new sign-in method', // (ref)
  fidoTextLegacy: 'Select Next, then follow the instructions in the security window to set up your security key.',
  tryAgain: 'Try again',
  fidoErrorNotAllowed: 'We couldn’t set up your passkey. The request timed out or was canceled.',
  fidoErrorInvalidState: 'This passkey is already registered. Use a different passkey or security key.',
  fidoErrorGeneric: 'Something went wrong while setting up your passkey. Try again.',
  fidoErrorNotSupported: 'This browser or device doesn’t support passkeys.',

  // --- registration campaign (nudge), passkey-first sign-in, /register --------------------------
  nudgeText: 'Passkeys are a faster, more secure way to sign in. Set one up now.',
  otherOptions: 'Other options', // (ref, 2026-09 campaign)
  skipForNow: 'Skip for now', // (ref, 2026-09 campaign)
  skip: 'Skip', // (ref, campaign error screen)
  nudgeErrorTitle: 'We couldn’t set up your passkey',
  nudgeErrorText: 'Something went wrong. You can skip this for now and set up a passkey later.',
  passkeyFirstTitle: 'Sign in with a passkey',
  passkeyFirstText: 'Use your face, fingerprint, PIN, or security key to sign in.',
  keepSecureTitle: 'Keep your account secure', // (ref)
  keepSecureText: 'Your organization requires you to set up the following methods of proving who you are.',
  skipSetup: 'Skip setup', // (ref)
  sessionExpiredShort: 'The session has expired.',
};

export type StringKey = keyof typeof EN;
export type Strings = Record<StringKey, string>;

const DE: Strings = {
  documentTitle: 'Bei Ihrem Konto anmelden',
  signIn: 'Anmelden',
  pickAccount: 'Konto auswählen',
  pickAccountSignOut: 'Von welchem Konto möchten Sie sich abmelden?',
  useAnotherAccount: 'Anderes Konto verwenden',
  signedIn: 'Angemeldet',
  tileAria: 'Mit dem Geschäfts-, Schul- oder Unikonto {upn} anmelden.',
  usernamePlaceholder: 'E-Mail, Telefon oder Skype',
  usernameAria: 'Geben Sie Ihre E-Mail-Adresse, Telefonnummer oder Ihren Skype-Namen ein.',
  next: 'Weiter',
  back: 'Zurück',
  cantAccess: 'Sie können nicht auf Ihr Konto zugreifen?',
  signInOptions: 'Anmeldeoptionen',
  enterPassword: 'Kennwort eingeben',
  passwordPlaceholder: 'Kennwort',
  passwordAria: 'Geben Sie das Kennwort für {upn} ein.',
  forgotPassword: 'Kennwort vergessen',
  otherWays: 'Andere Anmeldemöglichkeiten',
  useTapInstead: 'Stattdessen Ihren befristeten Zugriffspass verwenden',
  enterTap: 'Befristeten Zugriffspass eingeben',
  tapPlaceholder: 'Befristeter Zugriffspass',
  tapAria: 'Befristeten Zugriffspass eingeben',
  usePasswordInstead: 'Stattdessen Ihr Kennwort verwenden',
  signInButton: 'Anmelden',
  kmsiTitle: 'Angemeldet bleiben?',
  kmsiDescription: 'So müssen Sie sich seltener anmelden.',
  kmsiDontShow: 'Diese Meldung nicht mehr anzeigen',
  no: 'Nein',
  yes: 'Ja',
  proofUpTitle: 'Weitere Informationen erforderlich',
  proofUpDescription: 'Ihre Organisation benötigt weitere Informationen zum Schutz Ihres Kontos.',
  proofUpOtherAccount: 'Anderes Konto verwenden',
  learnMore: 'Weitere Informationen',
  caTitle: 'Darauf können Sie zurzeit nicht zugreifen',
  caDescription:
    'Ihre Anmeldung war erfolgreich, erfüllt jedoch nicht die Kriterien für den Zugriff auf diese Ressource. Möglicherweise melden Sie sich von einem Browser, einer App oder einem Standort aus an, der von Ihrem Administrator eingeschränkt wurde.',
  caSignOut: 'Abmelden und mit einem anderen Konto anmelden',
  caMoreDetails: 'Weitere Details',
  signedOutTitle: 'Sie haben sich von Ihrem Konto abgemeldet',
  signedOutText: 'Es empfiehlt sich, alle Browserfenster zu schließen.',
  usernameEmpty: 'Geben Sie eine gültige E-Mail-Adresse, Telefonnummer oder einen gültigen Skype-Namen ein.',
  usernameUnknown:
    'Dieser Benutzername ist möglicherweise falsch. Stellen Sie sicher, dass Sie ihn richtig eingegeben haben. Wenden Sie sich andernfalls an Ihren Administrator.',
  passwordEmpty: 'Geben Sie Ihr Kennwort ein.',
  passwordWrong:
    'Ihr Konto oder Kennwort ist falsch. Wenn Sie Ihr Kennwort vergessen haben, <a id="idA_IL_ForgotPassword0" href="#">setzen Sie es jetzt zurück</a>.',
  accountLocked:
    'Ihr Konto wurde gesperrt. Wenden Sie sich an Ihren Supportmitarbeiter, um es zu entsperren, und versuchen Sie es dann erneut.',
  tapWrong: 'Für den Benutzer wurde kein Zugriffspass gefunden, oder er konnte nicht überprüft werden.',
  tapEmpty: 'Geben Sie Ihren befristeten Zugriffspass ein.',
  tapExpired: 'Ihr befristeter Zugriffspass ist abgelaufen.',
  tapUsed:
    'Die Anmeldung mit befristetem Zugriffspass wurde aufgrund der Richtlinie für Benutzeranmeldeinformationen blockiert.',
  tapNotYetValid: 'Ihr befristeter Zugriffspass ist noch nicht gültig.',
  tapBlocked:
    'Die Anmeldung mit befristetem Zugriffspass wurde aufgrund der Richtlinie für Benutzeranmeldeinformationen blockiert.',

  msTitle: 'Meine Anmeldungen',
  msDocumentTitle: 'Meine Anmeldungen | Sicherheitsinformationen | Microsoft.com',
  navOverview: 'Übersicht',
  navSecurityInfo: 'Sicherheitsinformationen',
  navOrganizations: 'Organisationen',
  navDevices: 'Geräte',
  navPrivacy: 'Datenschutz',
  navRecentActivity: 'Letzte Aktivität',
  meControlAria: 'Konto-Manager für {name}',
  signOut: 'Abmelden',
  securityInfo: 'Sicherheitsinformationen',
  securityInfoDescription:
    'Dies sind die Methoden, mit denen Sie sich bei Ihrem Konto anmelden oder Ihr Kennwort zurücksetzen.',
  defaultMethod: 'Standardanmeldemethode:',
  addMethod: 'Anmeldemethode hinzufügen',
  methodsAria: 'Methoden für Sicherheitsinformationen',
  noMethods: 'Keine Elemente vorhanden.',
  rowPassword: 'Kennwort',
  rowPasswordDetail: 'Zuletzt aktualisiert: {date}',
  change: 'Ändern',
  rowTap: 'Befristeter Zugriffspass',
  rowTapDetail: 'Läuft ab am {date}',
  rowTapExpired: 'Abgelaufen',
  rowPasskeyDeviceBound: 'Passkey (gerätegebunden)',
  rowPasskeySynced: 'Passkey (synchronisiert)',
  rowSecurityKey: 'Sicherheitsschlüssel',
  delete: 'Löschen',
  deletePasskeyAria: 'Passkey löschen',
  deleteTapAria: 'Befristeten Zugriffspass löschen',
  deleteSecurityKeyAria: 'Sicherheitsschlüssel löschen',
  deleteTitle: 'Passkey löschen',
  deleteTitleLegacy: 'Sicherheitsschlüssel löschen',
  deleteText: 'Möchten Sie diese Methode für Ihr Konto wirklich löschen?',
  ok: 'OK',
  cancel: 'Abbrechen',
  close: 'Schließen',
  addDialogTitle: 'Anmeldemethode hinzufügen',
  recommended: 'Empfohlen',
  passkey: 'Passkey',
  passkeyDescription: 'Mit Gesicht, Fingerabdruck, PIN oder Sicherheitsschlüssel anmelden',
  showMoreOptions: 'Weitere Optionen anzeigen',
  methodAuthenticator: 'Microsoft Authenticator',
  methodAuthenticatorDescription: 'Anmeldeanforderungen genehmigen oder Einmalcodes verwenden',
  methodPhone: 'Telefon',
  methodPhoneDescription: 'Anruf oder SMS mit einem Code zum Anmelden erhalten',
  methodEmail: 'E-Mail',
  methodEmailDescription: 'E-Mail-Adresse zum Zurücksetzen des Kennworts verwenden',
  methodUnavailable: 'Diese Methode kann in dieser Umgebung nicht hinzugefügt werden.',
  signInFasterTitle: 'Schneller anmelden mit Gesicht, Fingerabdruck oder PIN',
  signInFasterText:
    'Passkeys sind eine sicherere und schnellere Art der Anmeldung. Als Nächstes fragt Ihr Browser oder Gerät, wo der Passkey gespeichert werden soll.',
  nameTitle: 'Passkey benennen',
  nameText: 'Geben Sie Ihrem Passkey einen Namen, damit Sie ihn später wiedererkennen.',
  nameLabel: 'Name des Passkeys',
  nameRequired: 'Geben Sie einen Namen für Ihren Passkey ein.',
  nameTooLong: 'Der Name darf höchstens {max} Zeichen lang sein.',
  createdTitle: 'Passkey erstellt',
  createdText: 'Sie können sich jetzt mit Ihrem Passkey „{name}“ anmelden.',
  done: 'Fertig',
  bannerMaxKeys: 'Sie haben das Limit von 10 Sicherheitsschlüsseln bereits erreicht',
  bannerNeedMfa:
    'Um einen Sicherheitsschlüssel einzurichten, müssen Sie sich mit zweistufiger Authentifizierung anmelden.',
  bannerSessionExpired: 'Ihre Sitzung ist abgelaufen. Aktualisieren Sie die Seite, und melden Sie sich erneut an.',
  bannerFidoFailed: 'Ihr Passkey konnte nicht hinzugefügt werden. Versuchen Sie es erneut.',
  bannerFidoKeyRestricted:
    'Dieser Sicherheitsschlüssel ist in Ihrer Organisation nicht zulässig. Verwenden Sie einen anderen Schlüssel.',
  bannerFidoAttestation:
    'Ihre Organisation verlangt einen Sicherheitsschlüssel, dessen Hersteller und Modell überprüft werden können. Verwenden Sie einen anderen Schlüssel.',
  bannerFidoDuplicate: 'Dieser Passkey ist bereits registriert.',
  bannerDeleted: 'Die Methode wurde gelöscht.',
  dismiss: 'Schließen',
  addDialogTitleLegacy: 'Methode hinzufügen',
  addDialogTextLegacy: 'Welche Methode möchten Sie hinzufügen?',
  methodOptionsAria: 'Optionen für Authentifizierungsmethoden',
  chooseMethod: 'Methode auswählen',
  securityKey: 'Sicherheitsschlüssel',
  add: 'Hinzufügen',
  securityKeyTitle: 'Sicherheitsschlüssel',
  securityKeyTypeText: 'Wählen Sie den Typ Ihres Sicherheitsschlüssels aus.',
  usbDevice: 'USB-Gerät',
  nfcDevice: 'NFC-Gerät',
  securityKeyReadyText: 'Halten Sie Ihren Sicherheitsschlüssel bereit.',
  securityKeyReadyDetail:
    'Sie müssen den Schlüssel an einen USB-Anschluss anschließen oder an das NFC-Lesegerät halten und seine PIN erstellen oder eingeben.',
  securityKeyNameText:
    'Benennen Sie Ihren Sicherheitsschlüssel, damit Sie ihn von anderen Schlüsseln unterscheiden können.',
  securityKeyNameLabel: 'Name',
  securityKeyDoneText:
    'Alles erledigt! Sie können sich jetzt mit Ihrem Sicherheitsschlüssel anstelle eines Kennworts anmelden.',

  fidoTitle: 'Passkey wird eingerichtet...',
  fidoText:
    'Ihr Gerät öffnet ein Sicherheitsfenster. Folgen Sie den Anweisungen, um die Einrichtung Ihres Passkeys abzuschließen.',
  fidoTitleLegacy: 'Ihre neue Anmeldemethode wird eingerichtet', // (ref, HT)
  fidoTextLegacy:
    'Wählen Sie „Weiter“ aus, und folgen Sie dann den Anweisungen im Sicherheitsfenster, um Ihren Sicherheitsschlüssel einzurichten.',
  tryAgain: 'Erneut versuchen',
  fidoErrorNotAllowed:
    'Ihr Passkey konnte nicht eingerichtet werden. Die Anforderung ist abgelaufen oder wurde abgebrochen.',
  fidoErrorInvalidState:
    'Dieser Passkey ist bereits registriert. Verwenden Sie einen anderen Passkey oder Sicherheitsschlüssel.',
  fidoErrorGeneric: 'Beim Einrichten Ihres Passkeys ist ein Fehler aufgetreten. Versuchen Sie es erneut.',
  fidoErrorNotSupported: 'Dieser Browser oder dieses Gerät unterstützt keine Passkeys.',

  nudgeText: 'Passkeys sind eine schnellere und sicherere Art der Anmeldung. Richten Sie jetzt einen ein.',
  otherOptions: 'Andere Optionen',
  skipForNow: 'Vorerst überspringen',
  skip: 'Überspringen',
  nudgeErrorTitle: 'Ihr Passkey konnte nicht eingerichtet werden',
  nudgeErrorText:
    'Es ist ein Fehler aufgetreten. Sie können diesen Schritt vorerst überspringen und später einen Passkey einrichten.',
  passkeyFirstTitle: 'Mit einem Passkey anmelden',
  passkeyFirstText: 'Melden Sie sich mit Gesicht, Fingerabdruck, PIN oder Sicherheitsschlüssel an.',
  keepSecureTitle: 'Schützen Sie Ihr Konto',
  keepSecureText:
    'Ihre Organisation verlangt, dass Sie die folgenden Methoden zum Nachweis Ihrer Identität einrichten.',
  skipSetup: 'Einrichtung überspringen',
  sessionExpiredShort: 'Die Sitzung ist abgelaufen.',
};

/** Complete tables: a language without a string shows the English one (as a half-translated page would); the
 *  matrix's languages translate everything on the guided path (i18n-langs.ts). */
export const STRINGS: Record<PagesLocale, Strings> = {
  en: EN,
  de: DE,
  ...(Object.fromEntries(Object.entries(MORE_LANGS).map(([l, t]) => [l, { ...EN, ...t }])) as Record<
    Exclude<PagesLocale, 'en' | 'de'>,
    Strings
  >),
};

/** The string table of a locale with overrides applied (overrides win for any locale). */
export function stringsFor(locale: PagesLocale = 'en', overrides: Record<string, string> = {}): Strings {
  const base = STRINGS[locale] ?? EN;
  const out = { ...base };
  for (const [k, v] of Object.entries(overrides)) if (k in out) out[k as StringKey] = v;
  return out;
}

/** Fills `{name}` placeholders. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

const TAP_ERROR_KEY: Record<TapErrorKind, StringKey> = {
  wrong: 'tapWrong',
  empty: 'tapEmpty',
  expired: 'tapExpired',
  used: 'tapUsed',
  notYetValid: 'tapNotYetValid',
  blocked: 'tapBlocked',
};

export function tapErrorText(
  kind: TapErrorKind,
  s: Strings,
  overrides: Partial<Record<TapErrorKind, string>> = {},
): string {
  return overrides[kind] ?? s[TAP_ERROR_KEY[kind]];
}

/** AADSTS-like codes put into `$Config.iErrorCode` for the TAP errors (130504/130507 are public, M; the others invented). */
export const TAP_ERROR_CODE: Record<TapErrorKind, number> = {
  wrong: 130507,
  empty: 130507,
  expired: 130504,
  used: 130501,
  notYetValid: 130505,
  blocked: 130501,
};

/** Date format of the locale, e.g. 6/13/2024 3:04 PM / 13.06.2024 15:04. */
export function formatDate(ms: number, locale: PagesLocale): string {
  return new Intl.DateTimeFormat(LANG_LOCALE[locale]?.mkt ?? 'en-US', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(ms);
}
