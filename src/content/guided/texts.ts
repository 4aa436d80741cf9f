/**
 * Every piece of Microsoft page text the guided drivers depend on, in one place, per language. Text is the last
 * signal: page ids, $Config fields, input names, data-report-event, roles and structure come first (recognisers).
 * Texts are matched against folded accessible names (dom.ts `fold`: glyphs, spaces, apostrophes ' ’ ʼ, dashes).
 *
 * Sources (../shared/reference/microsoft-pages.md): English §3–§5 (H/M); §10.4.2 Microsoft-translated docs of the
 * legacy flow (fr, de, es, ja human; it, pt-BR, pl machine); §10.4.3–10.4.5 (ja labels, TAP terms, KMSI in es/ja/nl,
 * "Use su contraseña en su lugar"). An entry marked `// unsourced` is our best rendering of Microsoft's usual
 * terminology with nothing public to confirm it: a miss there costs a hand-over to guidance, never a wrong click,
 * because every text only ever selects a control the view already made plausible.
 */
import { fold } from './dom';

export interface PageTexts {
  pickAccount: RegExp;
  useAnotherAccount: RegExp;
  useTapInstead: RegExp;
  /** Passkey- or Authenticator-first screens: back to the password / pass view (§10.2.5). */
  usePasswordInstead: RegExp;
  tapHeading: RegExp;
  staySignedIn: RegExp;
  moreInfoRequired: RegExp;
  signedOut: RegExp;
  /** Heading of the passkey intro on Security info and of the registration-campaign nudge after sign-in (§10.5). */
  signInFaster: RegExp;
  otherOptions: RegExp;
  skipForNow: RegExp;
  skip: RegExp;
  skipSetup: RegExp;
  addSignInMethod: RegExp;
  /** Title of the method picker dialog. */
  addMethodDialog: RegExp;
  passkeyOption: RegExp;
  securityKeyOption: RegExp;
  showMoreOptions: RegExp;
  settingUpPasskey: RegExp;
  namePasskey: RegExp;
  passkeyCreated: RegExp;
  usbDevice: RegExp;
  next: RegExp;
  done: RegExp;
  add: RegExp;
  no: RegExp;
  close: RegExp;
  /** Errors: reported, never clicked through. */
  keyLimit: RegExp;
  needsMfa: RegExp;
  tapBlocked: RegExp;
  tapExpired: RegExp;
  tapNotFound: RegExp;
  /** 130503 "Your Temporary Access Pass is incorrect…", or a pass not valid yet (§10.2.3). */
  tapIncorrect: RegExp;
  /** "Passkey not registered. This might be due to a timeout, a canceled request or a private browsing window." (§10.1.7) */
  passkeyNotRegistered: RegExp;
}

export type TextKey = keyof PageTexts;

export const EN: PageTexts = {
  pickAccount: /^pick an account$/i,
  useAnotherAccount: /^use another account$/i,
  useTapInstead: /use (your |a )?temporary access pass/i,
  usePasswordInstead: /^use (your |a )?password( instead)?$/i,
  tapHeading: /enter (your |the )?temporary access pass/i,
  staySignedIn: /^stay signed in\?$/i,
  moreInfoRequired: /more information required|needs more information|let's keep your account secure/i,
  signedOut: /you signed out of your account|you have signed out|signed out/i,
  signInFaster: /sign in faster with your face, fingerprint,? or pin/i,
  otherOptions: /^other (options|ways to sign in)$/i,
  skipForNow: /^skip for now\b/i,
  skip: /^skip$/i,
  skipSetup: /^skip setup$/i,
  addSignInMethod: /^\+? ?add (sign-in )?method$/i,
  addMethodDialog: /^add a (sign-in )?method$|^choose a method$/i,
  passkeyOption: /^passkey( \(preview\))?$/i,
  securityKeyOption: /^security key$/i,
  showMoreOptions: /^show more options$/i,
  settingUpPasskey: /^setting up your (passkey|new sign-in method)/i,
  namePasskey: /let's name your passkey|name your (passkey|security key)/i,
  passkeyCreated: /^passkey created|security key (was )?(successfully )?registered/i,
  usbDevice: /^usb device$/i,
  next: /^next$/i,
  done: /^done$/i,
  add: /^add$/i,
  no: /^no$/i,
  close: /^close$/i,
  keyLimit: /reached the limit of 10 security keys/i,
  needsMfa: /you need to sign in with two-factor authentication/i,
  tapBlocked: /temporary access pass sign in was blocked/i,
  tapExpired: /temporary access pass has expired|AADSTS130504/i,
  tapNotFound: /access pass could not be found or verified|AADSTS130507/i,
  tapIncorrect: /temporary access pass is (incorrect|not (yet )?valid|invalid)|AADSTS130503/i,
  passkeyNotRegistered: /passkey not registered/i,
};

/** German: Methode hinzufügen, Sicherheitsschlüssel, Weiter, Fertig, Hinzufügen, USB-Gerät, "Ihre neue Anmeldemethode
 * wird eingerichtet" (§10.4.2, human translation); "befristeter Zugriffspass" (§10.4.4). */
const DE: Partial<PageTexts> = {
  pickAccount: /^konto auswählen$/i, // unsourced
  useAnotherAccount: /^anderes konto verwenden$/i, // unsourced
  useTapInstead: /(befristeten zugriffspass|zugriffspass).*verwenden/i,
  usePasswordInstead: /kennwort verwenden/i, // unsourced
  tapHeading: /befristeten zugriffspass eingeben/i,
  staySignedIn: /^angemeldet bleiben\?$/i, // unsourced
  moreInfoRequired: /weitere informationen erforderlich|benötigt weitere informationen/i, // unsourced
  signedOut: /abgemeldet/i, // unsourced
  signInFaster: /schneller anmelden/i, // unsourced
  otherOptions: /^(weitere|andere) (optionen|anmeldemöglichkeiten)$/i, // unsourced
  skipForNow: /^(jetzt|vorerst|vorläufig) überspringen/i, // unsourced
  skip: /^überspringen$/i, // unsourced
  skipSetup: /^einrichtung überspringen$/i, // unsourced
  addSignInMethod: /^\+? ?(anmelde)?methode hinzufügen$/i,
  addMethodDialog: /^(anmelde)?methode hinzufügen$|^methode auswählen$/i,
  passkeyOption: /^(passkey|hauptschlüssel)$/i, // unsourced
  securityKeyOption: /^sicherheitsschlüssel$/i,
  showMoreOptions: /^weitere optionen anzeigen$/i, // unsourced
  settingUpPasskey: /(passkey|hauptschlüssel|neue anmeldemethode) wird eingerichtet/i,
  namePasskey: /passkey (benennen|einen namen geben)|namen für (ihren|den) passkey/i, // unsourced
  passkeyCreated: /passkey (wurde )?erstellt/i, // unsourced
  usbDevice: /^usb-gerät$/i,
  next: /^weiter$/i,
  done: /^fertig$/i,
  add: /^hinzufügen$/i,
  no: /^nein$/i, // unsourced
  close: /^schließen$/i, // unsourced
  keyLimit: /(limit|grenzwert|höchstzahl) von 10 sicherheitsschlüsseln/i, // unsourced
  needsMfa: /(zweistufige[rn]?|zwei-faktor-) ?authentifizierung/i, // unsourced
  tapBlocked: /zugriffspass.*(blockiert|gesperrt)/i, // unsourced
  tapExpired: /zugriffspass ist abgelaufen/i, // unsourced
  tapNotFound: /zugriffspass.*nicht (gefunden|überprüft)/i, // unsourced
  tapIncorrect: /zugriffspass ist (falsch|ungültig|noch nicht gültig)/i, // unsourced
  passkeyNotRegistered: /passkey (wurde )?nicht registriert/i, // unsourced
};

/** French: Ajouter une méthode, Clé de sécurité, Suivant, Terminé, appareil USB, "Configuration de votre nouveau mode
 * de connexion" (§10.4.2, human); "Passe d'accès temporaire", "Se connecter" (§10.4.4); KMSI "Oui" (§10.4.5). */
const FR: Partial<PageTexts> = {
  pickAccount: /^(choisir|sélectionner) un compte$/i, // unsourced
  useAnotherAccount: /^utiliser un autre compte$/i, // unsourced
  useTapInstead: /utiliser.*passe d'accès temporaire/i,
  usePasswordInstead: /^utiliser (plutôt )?votre mot de passe/i, // unsourced
  tapHeading: /(entrer|entrez|saisir|saisissez) (le |votre )?passe d'accès temporaire/i,
  staySignedIn: /^rester connecté ?\?$/i, // unsourced
  moreInfoRequired: /(plus d'informations|informations supplémentaires) (sont )?(requises|nécessaires)/i, // unsourced
  signedOut: /vous (vous )?êtes déconnecté/i, // unsourced
  signInFaster: /connectez-vous plus rapidement|connexion plus rapide/i, // unsourced
  otherOptions: /^autres options$/i, // unsourced
  skipForNow: /^(ignorer|passer) pour (l'instant|le moment)/i, // unsourced
  skip: /^(ignorer|passer)$/i, // unsourced
  skipSetup: /^ignorer la configuration$/i, // unsourced
  addSignInMethod: /^\+? ?ajouter une méthode( de connexion)?$/i,
  addMethodDialog: /^ajouter une méthode( de connexion)?$|^choisir une méthode$/i,
  passkeyOption: /^(clé d'accès|passkey)$/i, // unsourced
  securityKeyOption: /^clé de sécurité$/i,
  showMoreOptions: /^afficher plus d'options$/i, // unsourced
  settingUpPasskey: /configuration de votre (clé d'accès|nouveau mode de connexion)/i,
  namePasskey: /nomm(er|ons|ez) votre clé d'accès|nom de (la|votre) clé d'accès/i, // unsourced
  passkeyCreated: /clé d'accès créée/i, // unsourced
  usbDevice: /^(appareil|périphérique) usb$/i,
  next: /^suivant$/i,
  done: /^terminé$/i,
  add: /^ajouter$/i,
  no: /^non$/i, // unsourced (the Yes button "Oui" is)
  close: /^fermer$/i, // unsourced
  keyLimit: /limite de 10 clés de sécurité/i, // unsourced
  needsMfa: /authentification à deux facteurs/i, // unsourced
  tapBlocked: /passe d'accès temporaire.*bloqué/i, // unsourced
  tapExpired: /passe d'accès temporaire (a )?expiré/i, // unsourced
  tapNotFound: /passe d'accès.*(introuvable|pas pu être (trouvé|vérifié))/i, // unsourced
  tapIncorrect: /passe d'accès temporaire (est )?(incorrect|non valide|n'est pas (encore )?valide)/i, // unsourced
  passkeyNotRegistered: /clé d'accès non (enregistrée|inscrite)/i, // unsourced
};

/** Spanish: Agregar método, Clave de seguridad, Siguiente, Listo, Agregar (§10.4.2, human); "Pase de acceso temporal"
 * (§10.4.4); "¿Quiere mantener la sesión iniciada?", "Use su contraseña en su lugar" (§10.4.5). */
const ES: Partial<PageTexts> = {
  pickAccount: /^(elegir|elija|seleccionar|seleccione|escoger|escoja) una cuenta$/i, // unsourced
  useAnotherAccount: /^usar otra cuenta$/i, // unsourced
  useTapInstead: /(use|usar|utilice) (su |el )?pase de acceso temporal/i,
  usePasswordInstead: /^use su contraseña en su lugar$|^usar (su )?contraseña/i,
  tapHeading: /(escriba|escribir|introduzca|introducir|especifique|ingrese) (el |su )?pase de acceso temporal/i, // unsourced
  staySignedIn: /mantener la sesión iniciada\?$/i,
  moreInfoRequired: /se (necesita|requiere) más información|necesita más información/i, // unsourced
  signedOut: /(ha )?cerr(ado|ó) (la )?sesión/i, // unsourced
  signInFaster: /inici(e|ar) sesión más rápido/i, // unsourced
  otherOptions: /^otras opciones$/i, // unsourced
  skipForNow: /^omitir por ahora/i, // unsourced
  skip: /^omitir$/i, // unsourced
  skipSetup: /^omitir (la )?configuración$/i, // unsourced
  addSignInMethod: /^\+? ?(agregar|añadir) (un )?método( de inicio de sesión)?$/i,
  addMethodDialog: /^(agregar|añadir) un método( de inicio de sesión)?$|^elegir un método$/i,
  passkeyOption: /^(clave de acceso|passkey)$/i, // unsourced
  securityKeyOption: /^clave de seguridad$/i,
  showMoreOptions: /^mostrar más opciones$/i, // unsourced
  settingUpPasskey: /configura(ndo|ción de|ción del) (su |la )?(clave de acceso|nuevo método de inicio de sesión)/i,
  namePasskey: /(asigne un nombre|ponga (un )?nombre|nombre).*clave de acceso/i, // unsourced
  passkeyCreated: /clave de acceso creada/i, // unsourced
  usbDevice: /^dispositivo usb$/i,
  next: /^siguiente$/i,
  done: /^listo$/i,
  add: /^agregar$/i,
  no: /^no$/i,
  close: /^cerrar$/i, // unsourced
  keyLimit: /límite de 10 claves de seguridad/i, // unsourced
  needsMfa: /autenticación (en dos (pasos|fases)|de dos factores|multifactor)/i, // unsourced
  tapBlocked: /pase de acceso temporal.*bloque|bloque\S* .*pase de acceso temporal/i, // unsourced
  tapExpired: /pase de acceso temporal (ha )?(expirado|caducado)/i, // unsourced
  tapNotFound: /(pase de acceso.*)?no se (pudo|ha podido) (encontrar|comprobar|verificar).*pase de acceso/i, // unsourced
  tapIncorrect: /pase de acceso temporal (es )?(incorrecto|no es válido|aún no es válido|todavía no es válido)/i, // unsourced
  passkeyNotRegistered: /clave de acceso no registrada/i, // unsourced
};

/** Japanese: サインイン方法の追加, 方法を追加します, 次へ, 追加 (§10.4.3); セキュリティ キー, 完了, USB デバイス,
 * 新しいサインイン方法の設定 (§10.4.2); 一時アクセス パス (§10.4.4); KMSI, 詳細情報が必要, セットアップをスキップします,
 * 今はスキップ, その他のオプション (§10.1.2, §10.4.5). */
const JA: Partial<PageTexts> = {
  pickAccount: /^アカウントを選択/i, // unsourced
  useAnotherAccount: /別のアカウントを使用/i, // unsourced
  useTapInstead: /一時アクセス ?パスを使用/i, // unsourced
  usePasswordInstead: /パスワードを使用/i, // unsourced
  tapHeading: /一時アクセス ?パス(を|の)入力/i, // unsourced (the title is NONE, §10.4.4)
  staySignedIn: /サインインの状態を維持しますか/i,
  moreInfoRequired: /詳細情報が必要|アカウントをセキュリティ保護しましょう/i,
  signedOut: /サインアウトしました/i, // unsourced
  signInFaster: /(より速く|すばやく)サインイン/i, // unsourced
  otherOptions: /^その他のオプション$/i,
  skipForNow: /^今はスキップ/i,
  skip: /^スキップ$/i, // unsourced
  skipSetup: /^セットアップをスキップ/i,
  addSignInMethod: /^\+? ?(サインイン)?方法の追加$/i,
  addMethodDialog: /^(サインイン)?方法の追加$|^方法を追加します$|^方法を選択します$/i,
  passkeyOption: /^パスキー$/i, // unsourced
  securityKeyOption: /^セキュリティ ?キー$/i,
  showMoreOptions: /^その他のオプションを表示/i, // unsourced
  settingUpPasskey: /パスキーを設定しています|パスキーの設定|新しいサインイン方法の設定/i,
  namePasskey: /パスキーに名前を付け|パスキーの名前/i, // unsourced
  passkeyCreated: /パスキーが作成されました|パスキーを作成しました/i, // unsourced
  usbDevice: /^usb ?デバイス$/i,
  next: /^次へ$/i,
  done: /^完了$/i,
  add: /^追加$/i,
  no: /^いいえ$/i,
  close: /^閉じる$/i, // unsourced
  keyLimit: /10 ?個のセキュリティ ?キー|セキュリティ ?キーの上限/i, // unsourced
  needsMfa: /2 ?要素認証|多要素認証/i, // unsourced
  tapBlocked: /一時アクセス ?パス.*ブロック/i, // unsourced
  tapExpired: /一時アクセス ?パス.*有効期限が切れ/i, // unsourced
  tapNotFound: /アクセス ?パス.*(見つから|確認でき)/i, // unsourced
  tapIncorrect: /一時アクセス ?パス(が|は)(正しくありません|まだ有効ではありません|無効です)/i, // unsourced
  passkeyNotRegistered: /パスキーが登録されていません|パスキーは登録されていません/i, // unsourced
};

/** Italian: Aggiungi metodo, chiave di sicurezza, Avanti, Aggiungi, dispositivo USB, fine (§10.4.2, machine
 * translation: weaker). */
const IT: Partial<PageTexts> = {
  pickAccount: /^(scegli|seleziona) un account$/i, // unsourced
  useAnotherAccount: /^usa un altro account$/i, // unsourced
  useTapInstead: /usa.*pass di accesso temporaneo/i, // unsourced
  usePasswordInstead: /^usa (invece )?la (tua )?password/i, // unsourced
  tapHeading: /(immetti|inserisci|immettere|inserire) (il )?pass di accesso temporaneo/i, // unsourced
  staySignedIn: /^(vuoi )?rimanere connesso\?$/i, // unsourced
  moreInfoRequired: /(sono necessarie|servono) (altre|ulteriori) informazioni|informazioni aggiuntive/i, // unsourced
  signedOut: /disconnesso|disconnessione/i, // unsourced
  signInFaster: /accedi più (velocemente|rapidamente)/i, // unsourced
  otherOptions: /^altre opzioni$/i, // unsourced
  skipForNow: /^(ignora|salta) per ora/i, // unsourced
  skip: /^(ignora|salta)$/i, // unsourced
  skipSetup: /^(ignora|salta) (la )?configurazione$/i, // unsourced
  addSignInMethod: /^\+? ?aggiungi (un )?metodo( di accesso)?$/i,
  addMethodDialog: /^aggiungi un metodo( di accesso)?$|^scegli un metodo$/i,
  passkeyOption: /^passkey$/i, // unsourced
  securityKeyOption: /^chiave di sicurezza$/i,
  showMoreOptions: /^mostra (altre|più) opzioni$/i, // unsourced
  settingUpPasskey: /configurazione (della )?passkey|impostazione del nuovo metodo di accesso/i,
  namePasskey: /(assegna un )?nome.*passkey/i, // unsourced
  passkeyCreated: /passkey creata/i, // unsourced
  usbDevice: /^dispositivo usb$/i,
  next: /^avanti$/i,
  done: /^(fine|fatto)$/i,
  add: /^aggiungi$/i,
  no: /^no$/i,
  close: /^chiudi$/i, // unsourced
  keyLimit: /limite di 10 chiavi di sicurezza/i, // unsourced
  needsMfa: /autenticazione a (due fattori|più fattori)/i, // unsourced
  tapBlocked: /pass di accesso temporaneo.*bloccat/i, // unsourced
  tapExpired: /pass di accesso temporaneo.*scadut/i, // unsourced
  tapNotFound: /pass di accesso.*(trovato|verificato)/i, // unsourced
  tapIncorrect: /pass di accesso temporaneo (non è (corretto|ancora valido|valido)|è errato)/i, // unsourced
  passkeyNotRegistered: /passkey non registrat/i, // unsourced
};

/** Brazilian Portuguese: Adicionar método, Chave de Segurança, Próximo/Avançar, Concluído (§10.4.2, machine). */
const PT_BR: Partial<PageTexts> = {
  pickAccount: /^(escolha|selecione|escolher) uma conta$/i, // unsourced
  useAnotherAccount: /^usar outra conta$/i, // unsourced
  useTapInstead: /usar.*passe de acesso temporário/i, // unsourced
  usePasswordInstead: /^usar (a |sua )?senha/i, // unsourced
  tapHeading: /(insira|digite|inserir|informe) (o |seu )?passe de acesso temporário/i, // unsourced
  staySignedIn: /^(continuar|manter-se|permanecer) conectado\?$/i, // unsourced
  moreInfoRequired: /mais informações (são )?necessárias|precisa de mais informações/i, // unsourced
  signedOut: /você saiu|desconectad/i, // unsourced
  signInFaster: /entr(e|ar) mais rápido/i, // unsourced
  otherOptions: /^outras opções$/i, // unsourced
  skipForNow: /^(ignorar|pular) por enquanto/i, // unsourced
  skip: /^(ignorar|pular)$/i, // unsourced
  skipSetup: /^(ignorar|pular) (a )?configuração$/i, // unsourced
  addSignInMethod: /^\+? ?adicionar (um )?método( de entrada)?$/i,
  addMethodDialog: /^adicionar um método( de entrada)?$|^escolher um método$/i,
  passkeyOption: /^(chave de acesso|passkey)$/i, // unsourced
  securityKeyOption: /^chave de segurança$/i,
  showMoreOptions: /^mostrar mais opções$/i, // unsourced
  settingUpPasskey: /configura(ndo|ção de) (sua |a |seu )?(chave de acesso|novo método de entrada)/i,
  namePasskey: /(dê|dar) (um )?nome.*chave de acesso|nomear.*chave de acesso/i, // unsourced
  passkeyCreated: /chave de acesso criada/i, // unsourced
  usbDevice: /^dispositivo usb$/i,
  next: /^(próximo|avançar)$/i,
  done: /^concluído$/i,
  add: /^adicionar$/i,
  no: /^não$/i, // unsourced
  close: /^fechar$/i, // unsourced
  keyLimit: /limite de 10 chaves de segurança/i, // unsourced
  needsMfa: /autenticação (de dois fatores|multifator)/i, // unsourced
  tapBlocked: /passe de acesso temporário.*bloquead/i, // unsourced
  tapExpired: /passe de acesso temporário expirou/i, // unsourced
  tapNotFound: /passe de acesso.*(encontrad|verificad)/i, // unsourced
  tapIncorrect: /passe de acesso temporário (está )?(incorreto|ainda não é válido|não é válido)/i, // unsourced
  passkeyNotRegistered: /chave de acesso não registrada/i, // unsourced
};

/** Dutch: "Aangemeld blijven?" with "Ja" on #idSIButton9 (§10.4.5); everything else unsourced. */
const NL: Partial<PageTexts> = {
  pickAccount: /^(een )?account (kiezen|selecteren)$|^kies een account$/i, // unsourced
  useAnotherAccount: /^(een )?ander account gebruiken$/i, // unsourced
  useTapInstead: /tijdelijke toegangs(pas|code).*gebruiken/i, // unsourced
  usePasswordInstead: /wachtwoord gebruiken/i, // unsourced
  tapHeading: /tijdelijke toegangs(pas|code) (invoeren|opgeven)|voer.*tijdelijke toegangs(pas|code) in/i, // unsourced
  staySignedIn: /^aangemeld blijven\?$/i,
  moreInfoRequired: /meer informatie (vereist|nodig)/i, // unsourced
  signedOut: /afgemeld/i, // unsourced
  signInFaster: /sneller aanmelden/i, // unsourced
  otherOptions: /^(andere|meer) opties$/i, // unsourced
  skipForNow: /^(nu|voorlopig) overslaan/i, // unsourced
  skip: /^overslaan$/i, // unsourced
  skipSetup: /^(installatie|instellen|configuratie) overslaan$/i, // unsourced
  addSignInMethod: /^\+? ?(aanmeldings)?methode toevoegen$/i, // unsourced
  addMethodDialog: /^(een )?(aanmeldings)?methode toevoegen$|^kies een methode$/i, // unsourced
  passkeyOption: /^(passkey|toegangssleutel|wachtwoordsleutel)$/i, // unsourced
  securityKeyOption: /^beveiligingssleutel$/i, // unsourced
  showMoreOptions: /^meer opties (weergeven|tonen)$/i, // unsourced
  settingUpPasskey: /(passkey|toegangssleutel|wachtwoordsleutel|aanmeldingsmethode) (instellen|wordt ingesteld)/i, // unsourced
  namePasskey: /(passkey|toegangssleutel|wachtwoordsleutel).*(naam|noemen)/i, // unsourced
  passkeyCreated: /(passkey|toegangssleutel|wachtwoordsleutel) (is )?(gemaakt|aangemaakt)/i, // unsourced
  usbDevice: /^usb-apparaat$/i, // unsourced
  next: /^volgende$/i, // unsourced
  done: /^(gereed|klaar)$/i, // unsourced
  add: /^toevoegen$/i, // unsourced
  no: /^nee$/i, // unsourced
  close: /^sluiten$/i, // unsourced
  keyLimit: /limiet van 10 beveiligingssleutels/i, // unsourced
  needsMfa: /(tweeledige|meervoudige) (verificatie|authenticatie)|tweestapsverificatie/i, // unsourced
  tapBlocked: /tijdelijke toegangs(pas|code).*geblokkeerd/i, // unsourced
  tapExpired: /tijdelijke toegangs(pas|code) is verlopen/i, // unsourced
  tapNotFound: /toegangs(pas|code).*niet (worden )?(gevonden|geverifieerd)/i, // unsourced
  tapIncorrect: /tijdelijke toegangs(pas|code) is (onjuist|ongeldig|nog niet geldig)/i, // unsourced
  passkeyNotRegistered: /(passkey|toegangssleutel|wachtwoordsleutel) niet geregistreerd/i, // unsourced
};

/** Polish: Dodaj metodę, klucz zabezpieczeń, Dalej, Dodaj, urządzenie USB, gotowe, "Konfigurowanie nowej metody
 * logowania" (§10.4.2, machine). */
const PL: Partial<PageTexts> = {
  pickAccount: /^wybierz konto$/i, // unsourced
  useAnotherAccount: /^użyj innego konta$/i, // unsourced
  useTapInstead: /użyj.*tymczasow\S* (przepustk|kod|dostęp)/i, // unsourced
  usePasswordInstead: /użyj (swojego )?hasła/i, // unsourced
  tapHeading: /(wprowadź|podaj) tymczasow\S* (przepustk|kod|dostęp)/i, // unsourced
  staySignedIn: /^(nie wylogowywać|pozostać zalogowanym)\?$/i, // unsourced
  moreInfoRequired: /(wymagane|potrzebne) (są )?(dodatkowe|więcej) informacj/i, // unsourced
  signedOut: /wylogowano|wylogował/i, // unsourced
  signInFaster: /(loguj|zaloguj) się szybciej|szybsze logowanie/i, // unsourced
  otherOptions: /^inne opcje$/i, // unsourced
  skipForNow: /^(pomiń na razie|na razie pomiń)/i, // unsourced
  skip: /^pomiń$/i, // unsourced
  skipSetup: /^pomiń konfigurację$/i, // unsourced
  addSignInMethod: /^\+? ?dodaj metodę( logowania)?$/i,
  addMethodDialog: /^dodaj metodę( logowania)?$|^wybierz metodę$/i,
  passkeyOption: /^(klucz dostępu|passkey)$/i, // unsourced
  securityKeyOption: /^klucz zabezpieczeń$/i,
  showMoreOptions: /^pokaż więcej opcji$/i, // unsourced
  settingUpPasskey: /konfigurowanie (klucza dostępu|nowej metody logowania)/i,
  namePasskey: /nazw\S*.*klucz\S* dostępu/i, // unsourced
  passkeyCreated: /(utworzono klucz dostępu|klucz dostępu (został )?utworzony)/i, // unsourced
  usbDevice: /^urządzenie usb$/i,
  next: /^dalej$/i,
  done: /^gotowe$/i,
  add: /^dodaj$/i,
  no: /^nie$/i, // unsourced
  close: /^zamknij$/i, // unsourced
  keyLimit: /limit 10 kluczy zabezpieczeń/i, // unsourced
  needsMfa: /uwierzytelniani\S* (dwuskładnikow|wieloskładnikow)/i, // unsourced
  tapBlocked: /tymczasow.*zablokowan/i, // unsourced
  tapExpired: /tymczasow.*wygas/i, // unsourced
  tapNotFound: /nie (można|udało się) (znaleźć|zweryfikować)/i, // unsourced
  tapIncorrect: /tymczasow.*(nieprawidłow|jeszcze nie jest ważn|nie jest ważn)/i, // unsourced
  passkeyNotRegistered: /klucz\S* dostępu nie (został )?zarejestrowan/i, // unsourced
};

const TABLES: Record<string, Partial<PageTexts>> = {
  en: EN,
  de: DE,
  fr: FR,
  es: ES,
  ja: JA,
  it: IT,
  'pt-br': PT_BR,
  pt: PT_BR,
  nl: NL,
  pl: PL,
};

/**
 * Microsoft's English labels as the pages show them, for the overlay to quote on an English page (the job asks for
 * English by default; ms-labels.ts). The same labels in the admin's language are the catalogs' overlayMs* messages.
 */
export const EN_LABELS = {
  SecurityInfo: 'Security info',
  AddSignInMethod: '+ Add sign-in method',
  Passkey: 'Passkey',
  SecurityKey: 'Security key',
  UsbDevice: 'USB device',
  Next: 'Next',
  Done: 'Done',
  No: 'No',
  StaySignedIn: 'Stay signed in?',
  UseAnotherAccount: 'Use another account',
  UsePasswordInstead: 'Use your password instead',
  SignInFaster: 'Sign in faster',
  SkipForNow: 'Skip for now',
} as const;
export type LabelKey = keyof typeof EN_LABELS;

export const LANGUAGES = ['en', 'de', 'fr', 'es', 'ja', 'it', 'pt-br', 'nl', 'pl'] as const;

/** The table for a language tag (`pt-br`, then `pt`), or undefined when there is none. */
export function tableFor(lang: string): Partial<PageTexts> | undefined {
  const l = lang.toLowerCase();
  return TABLES[l] ?? TABLES[l.split('-')[0]!];
}

/**
 * Tests a (folded) text against the page language's table and English (Microsoft leaves some strings untranslated).
 * A known language without a table gets English only; an unknown language ('') every table.
 */
export function matches(key: TextKey, text: string, lang = 'en'): boolean {
  const t = fold(text);
  if (!t) return false;
  const tables = lang ? [tableFor(lang), EN] : Object.values(TABLES);
  return tables.some((table) => table?.[key]?.test(t) ?? false);
}
