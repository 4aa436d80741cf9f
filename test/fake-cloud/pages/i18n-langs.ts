/**
 * The fake pages in French, Spanish, Japanese, Italian, Brazilian Portuguese, Dutch and Polish: every string on the
 * guided path (sign-in, TAP, KMSI, interrupts, nudge, Security info, the passkey dialogs, fido/create). Strings not
 * here (rare banners, error details) show in English, as on a half-translated page.
 *
 * `// ref` marks strings quoted in shared/reference/microsoft-pages.md §10.4 (HT = Microsoft's human translation of
 * the end-user docs, MT = machine translation, M = a lab guide or page object). Everything else is a GUESS in
 * Microsoft's style: no localized text of the passkey flow is public (§10.4.1).
 */
import type { Strings } from './i18n.ts';

type Table = Partial<Strings>;

const FR: Table = {
  documentTitle: 'Connectez-vous à votre compte',
  signIn: 'Se connecter',
  pickAccount: 'Choisir un compte',
  useAnotherAccount: 'Utiliser un autre compte',
  signedIn: 'Connecté',
  tileAria: 'Se connecter avec le compte professionnel ou scolaire {upn}.',
  usernamePlaceholder: 'E-mail, téléphone ou nom Skype',
  usernameAria: 'Entrez votre adresse e-mail, votre numéro de téléphone ou votre nom Skype.',
  next: 'Suivant', // ref HT
  back: 'Retour',
  cantAccess: 'Vous ne pouvez pas accéder à votre compte ?',
  signInOptions: 'Options de connexion',
  enterPassword: 'Entrez le mot de passe',
  passwordPlaceholder: 'Mot de passe',
  passwordAria: 'Entrez le mot de passe pour {upn}',
  forgotPassword: 'J’ai oublié mon mot de passe',
  otherWays: 'Autres méthodes de connexion',
  useTapInstead: 'Utiliser votre Passe d’accès temporaire à la place',
  enterTap: 'Entrer le Passe d’accès temporaire', // term ref (Learn fr-FR)
  tapPlaceholder: 'Passe d’accès temporaire', // ref (term)
  tapAria: 'Entrer le Passe d’accès temporaire',
  usePasswordInstead: 'Utiliser votre mot de passe à la place',
  signInButton: 'Se connecter', // ref M (lab)
  kmsiTitle: 'Rester connecté ?',
  kmsiDescription: 'Procédez ainsi pour réduire le nombre de demandes de connexion.',
  kmsiDontShow: 'Ne plus afficher ce message',
  no: 'Non',
  yes: 'Oui', // ref M
  proofUpTitle: 'Plus d’informations requises',
  proofUpDescription: 'Votre organisation a besoin de plus d’informations pour préserver la sécurité de votre compte',
  proofUpOtherAccount: 'Utiliser un autre compte',
  learnMore: 'En savoir plus',
  signedOutTitle: 'Vous vous êtes déconnecté de votre compte',
  tapWrong: 'Un passe d’accès est introuvable ou n’a pas pu être vérifié pour l’utilisateur.',
  tapExpired: 'Votre Passe d’accès temporaire a expiré.',
  tapUsed:
    'La connexion par Passe d’accès temporaire a été bloquée en raison de la stratégie d’informations d’identification.',
  tapBlocked:
    'La connexion par Passe d’accès temporaire a été bloquée en raison de la stratégie d’informations d’identification.',
  msTitle: 'Mes connexions',
  msDocumentTitle: 'Mes connexions | Informations de sécurité | Microsoft.com',
  navOverview: 'Vue d’ensemble',
  navSecurityInfo: 'Informations de sécurité', // ref HT
  navOrganizations: 'Organisations',
  navDevices: 'Appareils',
  navPrivacy: 'Confidentialité',
  navRecentActivity: 'Activité récente',
  meControlAria: 'Gestionnaire de comptes pour {name}',
  signOut: 'Se déconnecter',
  securityInfo: 'Informations de sécurité', // ref HT
  securityInfoDescription:
    'Voici les méthodes que vous utilisez pour vous connecter à votre compte ou réinitialiser votre mot de passe.',
  addMethod: 'Ajouter une méthode de connexion',
  methodsAria: 'Méthodes d’informations de sécurité',
  rowPassword: 'Mot de passe',
  rowTap: 'Passe d’accès temporaire', // ref (term)
  rowPasskeyDeviceBound: 'Clé d’accès (liée à l’appareil)',
  rowPasskeySynced: 'Clé d’accès (synchronisée)',
  rowSecurityKey: 'Clé de sécurité', // ref HT
  delete: 'Supprimer', // ref HT
  deletePasskeyAria: 'Supprimer la clé d’accès',
  deleteTitleLegacy: 'Supprimer la clé de sécurité', // ref HT
  cancel: 'Annuler',
  close: 'Fermer',
  addDialogTitle: 'Ajouter une méthode de connexion',
  recommended: 'Recommandé',
  passkey: 'Clé d’accès',
  passkeyDescription: 'Connectez-vous avec votre visage, votre empreinte digitale, un code PIN ou une clé de sécurité',
  showMoreOptions: 'Afficher plus d’options',
  methodAuthenticatorDescription: 'Approuver les demandes de connexion ou utiliser des codes à usage unique',
  methodPhone: 'Téléphone',
  methodPhoneDescription: 'Recevoir un appel ou un SMS pour vous connecter avec un code',
  methodEmail: 'E-mail',
  methodEmailDescription: 'Utiliser une adresse e-mail pour réinitialiser votre mot de passe',
  signInFasterTitle: 'Connectez-vous plus rapidement avec votre visage, votre empreinte digitale ou un code PIN',
  signInFasterText:
    'Les clés d’accès sont un moyen plus sûr et plus rapide de se connecter. Votre navigateur ou appareil va vous demander où enregistrer votre clé d’accès.',
  nameTitle: 'Nommez votre clé d’accès',
  nameText: 'Donnez un nom à votre clé d’accès pour l’identifier plus tard.',
  nameLabel: 'Nom de la clé d’accès',
  nameRequired: 'Entrez un nom pour votre clé d’accès.',
  createdTitle: 'Clé d’accès créée',
  createdText: 'Vous pouvez maintenant utiliser votre clé d’accès « {name} » pour vous connecter.',
  done: 'Terminé', // ref HT
  bannerMaxKeys: 'Vous avez déjà atteint la limite de 10 clés de sécurité',
  bannerNeedMfa:
    'Pour configurer une clé de sécurité, vous devez vous connecter avec l’authentification à deux facteurs.',
  addDialogTitleLegacy: 'Ajouter une méthode', // ref HT
  addDialogTextLegacy: 'Quelle méthode voulez-vous ajouter ?',
  methodOptionsAria: 'Options de méthode d’authentification',
  chooseMethod: 'Choisir une méthode',
  securityKey: 'Clé de sécurité', // ref HT
  add: 'Ajouter', // ref HT
  securityKeyTitle: 'Clé de sécurité', // ref HT
  usbDevice: 'Appareil USB', // ref HT
  nfcDevice: 'Appareil NFC', // ref HT
  fidoTitle: 'Configuration de votre clé d’accès...',
  fidoText:
    'Votre appareil ouvre une fenêtre de sécurité. Suivez les instructions pour terminer la configuration de votre clé d’accès.',
  fidoTitleLegacy: 'Configuration de votre nouveau mode de connexion', // ref HT
  tryAgain: 'Réessayer',
  nudgeText: 'Les clés d’accès sont un moyen plus rapide et plus sûr de se connecter. Configurez-en une maintenant.',
  otherOptions: 'Autres options',
  skipForNow: 'Ignorer pour l’instant',
  skip: 'Ignorer',
  nudgeErrorTitle: 'Nous n’avons pas pu configurer votre clé d’accès',
  passkeyFirstTitle: 'Se connecter avec une clé d’accès',
  passkeyFirstText: 'Utilisez votre visage, votre empreinte digitale, un code PIN ou une clé de sécurité.',
  keepSecureTitle: 'Protégez votre compte',
  skipSetup: 'Ignorer la configuration',
};

const ES: Table = {
  documentTitle: 'Iniciar sesión en la cuenta',
  signIn: 'Iniciar sesión',
  pickAccount: 'Seleccione una cuenta',
  useAnotherAccount: 'Usar otra cuenta',
  signedIn: 'Sesión iniciada',
  tileAria: 'Iniciar sesión con la cuenta profesional o educativa {upn}.',
  usernamePlaceholder: 'Correo electrónico, teléfono o Skype',
  usernameAria: 'Escriba su correo electrónico, teléfono o nombre de Skype.',
  next: 'Siguiente', // ref HT
  back: 'Atrás',
  cantAccess: '¿No puede acceder a su cuenta?',
  signInOptions: 'Opciones de inicio de sesión',
  enterPassword: 'Escribir contraseña',
  passwordPlaceholder: 'Contraseña',
  passwordAria: 'Escriba la contraseña de {upn}',
  forgotPassword: 'He olvidado mi contraseña',
  otherWays: 'Otras formas de iniciar sesión',
  useTapInstead: 'Use your Temporary Access Pass instead', // ref: the es-ES Learn page leaves it in English
  enterTap: 'Escribir el Pase de acceso temporal', // term ref (Learn es-ES)
  tapPlaceholder: 'Pase de acceso temporal', // ref (term)
  tapAria: 'Escribir el Pase de acceso temporal',
  usePasswordInstead: 'Use su contraseña en su lugar', // ref M (#idA_PWD_SwitchToPassword)
  signInButton: 'Iniciar sesión',
  kmsiTitle: '¿Quiere mantener la sesión iniciada?', // ref M
  kmsiDescription: 'Haga esto para reducir el número de veces que se le solicita que inicie sesión.', // ref M
  kmsiDontShow: 'No volver a mostrar', // ref L
  no: 'No', // ref
  yes: 'Sí', // ref
  proofUpTitle: 'Se necesita más información',
  proofUpDescription: 'Su organización necesita más información para proteger su cuenta',
  proofUpOtherAccount: 'Usar una cuenta diferente',
  learnMore: 'Más información',
  signedOutTitle: 'Ha cerrado la sesión de su cuenta',
  tapWrong: 'No se pudo encontrar ni comprobar un pase de acceso para el usuario.',
  tapExpired: 'Su Pase de acceso temporal ha expirado.',
  tapUsed:
    'Se bloqueó el inicio de sesión con el Pase de acceso temporal debido a la directiva de credenciales del usuario.',
  tapBlocked:
    'Se bloqueó el inicio de sesión con el Pase de acceso temporal debido a la directiva de credenciales del usuario.',
  msTitle: 'Mis inicios de sesión',
  msDocumentTitle: 'Mis inicios de sesión | Información de seguridad | Microsoft.com',
  navOverview: 'Información general',
  navSecurityInfo: 'Información de seguridad', // ref HT
  navOrganizations: 'Organizaciones',
  navDevices: 'Dispositivos',
  navPrivacy: 'Privacidad',
  navRecentActivity: 'Actividad reciente',
  meControlAria: 'Administrador de cuentas de {name}',
  signOut: 'Cerrar sesión',
  securityInfo: 'Información de seguridad', // ref HT
  securityInfoDescription:
    'Estos son los métodos que usa para iniciar sesión en su cuenta o restablecer su contraseña.',
  addMethod: 'Agregar método de inicio de sesión',
  methodsAria: 'Métodos de información de seguridad',
  rowPassword: 'Contraseña',
  rowTap: 'Pase de acceso temporal', // ref (term)
  rowPasskeyDeviceBound: 'Clave de acceso (vinculada al dispositivo)',
  rowPasskeySynced: 'Clave de acceso (sincronizada)',
  rowSecurityKey: 'Clave de seguridad', // ref HT
  delete: 'Eliminar', // ref HT
  deletePasskeyAria: 'Eliminar clave de acceso',
  deleteTitleLegacy: 'Eliminar clave de seguridad', // ref HT
  cancel: 'Cancelar',
  close: 'Cerrar',
  addDialogTitle: 'Agregar un método de inicio de sesión',
  recommended: 'Recomendado',
  passkey: 'Clave de acceso',
  passkeyDescription: 'Inicie sesión con la cara, la huella digital, el PIN o una clave de seguridad',
  showMoreOptions: 'Mostrar más opciones',
  methodAuthenticatorDescription: 'Aprobar solicitudes de inicio de sesión o usar códigos de un solo uso',
  methodPhone: 'Teléfono',
  methodPhoneDescription: 'Recibir una llamada o un mensaje de texto para iniciar sesión con un código',
  methodEmail: 'Correo electrónico',
  methodEmailDescription: 'Usar una dirección de correo electrónico para restablecer la contraseña',
  signInFasterTitle: 'Inicie sesión más rápido con la cara, la huella digital o el PIN',
  signInFasterText:
    'Las claves de acceso son una forma más segura y rápida de iniciar sesión. A continuación, el explorador o dispositivo le preguntará dónde guardar la clave de acceso.',
  nameTitle: 'Asignemos un nombre a la clave de acceso',
  nameText: 'Asigne un nombre a la clave de acceso para identificarla más adelante.',
  nameLabel: 'Nombre de la clave de acceso',
  nameRequired: 'Escriba un nombre para la clave de acceso.',
  createdTitle: 'Clave de acceso creada',
  createdText: 'Ya puede usar la clave de acceso "{name}" para iniciar sesión.',
  done: 'Listo', // ref HT
  bannerMaxKeys: 'Ya ha alcanzado el límite de 10 claves de seguridad',
  bannerNeedMfa: 'Para configurar una clave de seguridad, debe iniciar sesión con la autenticación en dos fases.',
  addDialogTitleLegacy: 'Agregar un método', // ref HT
  addDialogTextLegacy: '¿Qué método quiere agregar?',
  methodOptionsAria: 'Opciones del método de autenticación',
  chooseMethod: 'Elegir un método',
  securityKey: 'Clave de seguridad', // ref HT
  add: 'Agregar', // ref HT
  securityKeyTitle: 'Clave de seguridad', // ref HT
  usbDevice: 'Dispositivo USB', // ref HT
  nfcDevice: 'Dispositivo NFC', // ref HT
  fidoTitle: 'Configurando la clave de acceso...',
  fidoText:
    'El dispositivo está abriendo una ventana de seguridad. Siga las instrucciones para terminar de configurar la clave de acceso.',
  fidoTitleLegacy: 'Configuración del nuevo método de inicio de sesión', // ref HT
  tryAgain: 'Volver a intentarlo',
  nudgeText: 'Las claves de acceso son una forma más rápida y segura de iniciar sesión. Configure una ahora.',
  otherOptions: 'Otras opciones',
  skipForNow: 'Omitir por ahora',
  skip: 'Omitir',
  nudgeErrorTitle: 'No se pudo configurar la clave de acceso',
  passkeyFirstTitle: 'Iniciar sesión con una clave de acceso',
  passkeyFirstText: 'Use la cara, la huella digital, el PIN o una clave de seguridad para iniciar sesión.',
  keepSecureTitle: 'Proteja su cuenta',
  skipSetup: 'Omitir configuración',
};

const JA: Table = {
  documentTitle: 'アカウントにサインイン',
  signIn: 'サインイン', // ref M
  pickAccount: 'アカウントを選択する',
  useAnotherAccount: '別のアカウントを使用する',
  signedIn: 'サインイン済み',
  tileAria: '{upn} 職場または学校アカウントでサインインします。',
  usernamePlaceholder: 'メール、電話、Skype',
  usernameAria: 'メール、電話番号、または Skype 名を入力してください。',
  next: '次へ', // ref HT
  back: '戻る',
  cantAccess: 'アカウントにアクセスできない場合',
  signInOptions: 'サインイン オプション',
  enterPassword: 'パスワードの入力', // ref M
  passwordPlaceholder: 'パスワード',
  passwordAria: '{upn} のパスワードを入力してください',
  forgotPassword: 'パスワードを忘れた場合', // ref M
  otherWays: 'その他のサインイン方法',
  useTapInstead: '代わりに一時アクセス パスを使用する',
  enterTap: '一時アクセス パスの入力', // term ref; the title itself is a guess (§10.4.4: none found)
  tapPlaceholder: '一時アクセス パス', // ref (term)
  tapAria: '一時アクセス パスを入力してください',
  usePasswordInstead: '代わりにパスワードを使用する',
  signInButton: 'サインイン', // ref M
  kmsiTitle: 'サインインの状態を維持しますか?', // ref M
  kmsiDescription: 'これにより、サインインを求められる回数を減らすことができます。', // ref M
  kmsiDontShow: '今後このメッセージを表示しない', // ref M
  no: 'いいえ', // ref M
  yes: 'はい', // ref M
  proofUpTitle: '詳細情報が必要', // ref M
  proofUpDescription: 'お客様のアカウントを安全に保つため、組織ではさらに情報が必要です',
  proofUpOtherAccount: '別のアカウントを使用する',
  learnMore: '詳細情報',
  signedOutTitle: 'アカウントからサインアウトしました',
  tapWrong: 'ユーザーのアクセス パスが見つからないか、確認できませんでした。',
  tapExpired: '一時アクセス パスの有効期限が切れています。',
  tapUsed: 'ユーザー資格情報ポリシーにより、一時アクセス パスでのサインインがブロックされました',
  tapBlocked: 'ユーザー資格情報ポリシーにより、一時アクセス パスでのサインインがブロックされました',
  msTitle: 'マイ サインイン',
  msDocumentTitle: 'マイ サインイン | セキュリティ情報 | Microsoft.com',
  navOverview: '概要',
  navSecurityInfo: 'セキュリティ情報', // ref HT
  navOrganizations: '組織',
  navDevices: 'デバイス',
  navPrivacy: 'プライバシー',
  navRecentActivity: '最近のアクティビティ',
  meControlAria: '{name} のアカウント マネージャー',
  signOut: 'サインアウト',
  securityInfo: 'セキュリティ情報', // ref HT
  securityInfoDescription: 'アカウントへのサインインやパスワードのリセットに使用する方法です。',
  addMethod: 'サインイン方法の追加', // ref M (jpazureid blog)
  methodsAria: 'セキュリティ情報の方法',
  rowPassword: 'パスワード',
  rowTap: '一時アクセス パス', // ref (term)
  rowPasskeyDeviceBound: 'パスキー (デバイスにバインド)',
  rowPasskeySynced: 'パスキー (同期済み)',
  rowSecurityKey: 'セキュリティ キー', // ref HT
  delete: '削除', // ref HT
  deletePasskeyAria: 'パスキーの削除',
  cancel: 'キャンセル',
  close: '閉じる',
  addDialogTitle: 'サインイン方法の追加', // ref M
  recommended: '推奨',
  passkey: 'パスキー',
  passkeyDescription: '顔、指紋、PIN、またはセキュリティ キーでサインインします',
  showMoreOptions: 'その他のオプションを表示',
  methodAuthenticator: 'Microsoft Authenticator',
  methodAuthenticatorDescription: 'サインイン要求を承認するか、ワンタイム コードを使用します',
  methodPhone: '電話',
  methodPhoneDescription: '電話または SMS でコードを受け取ってサインインします',
  methodEmail: 'メール',
  methodEmailDescription: 'メール アドレスを使用してパスワードをリセットします',
  signInFasterTitle: '顔、指紋、または PIN を使用してより速くサインイン',
  signInFasterText:
    'パスキーは、より安全で速いサインイン方法です。次に、ブラウザーまたはデバイスでパスキーの保存先を選択します。',
  nameTitle: 'パスキーに名前を付けましょう',
  nameText: '後で識別できるように、パスキーに名前を付けてください。',
  nameLabel: 'パスキーの名前',
  nameRequired: 'パスキーの名前を入力してください。',
  createdTitle: 'パスキーが作成されました',
  createdText: 'パスキー "{name}" を使用してサインインできるようになりました。',
  done: '完了', // ref HT
  bannerMaxKeys: 'セキュリティ キーの上限である 10 個に既に達しています',
  bannerNeedMfa: 'セキュリティ キーを設定するには、2 要素認証でサインインする必要があります。',
  addDialogTitleLegacy: '方法を追加します', // ref HT
  addDialogTextLegacy: 'どの方法を追加しますか?',
  methodOptionsAria: '認証方法のオプション',
  chooseMethod: '方法を選択します', // ref M
  securityKey: 'セキュリティ キー', // ref HT
  add: '追加', // ref HT
  securityKeyTitle: 'セキュリティ キー', // ref HT
  usbDevice: 'USB デバイス', // ref HT
  nfcDevice: 'NFC デバイス', // ref HT
  fidoTitle: 'パスキーを設定しています...',
  fidoText: 'デバイスでセキュリティ ウィンドウが開きます。指示に従ってパスキーの設定を完了してください。',
  fidoTitleLegacy: '新しいサインイン方法の設定', // ref HT
  tryAgain: '再試行',
  nudgeText: 'パスキーは、より速く安全なサインイン方法です。今すぐ設定しましょう。',
  otherOptions: 'その他のオプション',
  skipForNow: '今はスキップ', // ref M (legacy "今はスキップ (14 日残っています)")
  skip: 'スキップ',
  nudgeErrorTitle: 'パスキーを設定できませんでした',
  passkeyFirstTitle: 'パスキーでサインイン',
  passkeyFirstText: '顔、指紋、PIN、またはセキュリティ キーを使用してサインインします。',
  keepSecureTitle: 'アカウントをセキュリティ保護しましょう', // ref M
  skipSetup: 'セットアップをスキップします', // ref M
};

const IT: Table = {
  documentTitle: 'Accedi al tuo account',
  signIn: 'Accedi',
  pickAccount: 'Scegli un account',
  useAnotherAccount: 'Usa un altro account',
  signedIn: 'Connesso',
  tileAria: 'Accedi con l’account aziendale o dell’istituto di istruzione {upn}.',
  usernamePlaceholder: 'Posta elettronica, telefono o Skype',
  usernameAria: 'Immetti l’indirizzo di posta elettronica, il numero di telefono o il nome Skype.',
  next: 'Avanti', // ref MT
  back: 'Indietro',
  cantAccess: 'Non riesci ad accedere al tuo account?',
  signInOptions: 'Opzioni di accesso',
  enterPassword: 'Immetti la password',
  passwordPlaceholder: 'Password',
  passwordAria: 'Immetti la password per {upn}',
  forgotPassword: 'Ho dimenticato la password',
  otherWays: 'Altri modi per accedere',
  useTapInstead: 'Usa invece il Pass di accesso temporaneo',
  enterTap: 'Immetti il Pass di accesso temporaneo',
  tapPlaceholder: 'Pass di accesso temporaneo',
  tapAria: 'Immetti il Pass di accesso temporaneo',
  usePasswordInstead: 'Usa invece la password',
  signInButton: 'Accedi',
  kmsiTitle: 'Rimanere connesso?',
  kmsiDescription: 'In questo modo il numero di richieste di accesso verrà ridotto.',
  kmsiDontShow: 'Non visualizzare più questo messaggio',
  no: 'No',
  yes: 'Sì',
  proofUpTitle: 'Sono necessarie altre informazioni',
  proofUpDescription: 'L’organizzazione ha bisogno di altre informazioni per proteggere l’account',
  proofUpOtherAccount: 'Usa un account diverso',
  learnMore: 'Altre informazioni',
  signedOutTitle: 'Disconnessione dall’account eseguita',
  tapExpired: 'Il Pass di accesso temporaneo è scaduto.',
  msTitle: 'Accessi personali',
  msDocumentTitle: 'Accessi personali | Info di sicurezza | Microsoft.com',
  navOverview: 'Panoramica',
  navSecurityInfo: 'Info di sicurezza', // ref MT
  navOrganizations: 'Organizzazioni',
  navDevices: 'Dispositivi',
  navPrivacy: 'Privacy',
  navRecentActivity: 'Attività recenti',
  meControlAria: 'Gestione account per {name}',
  signOut: 'Disconnetti',
  securityInfo: 'Info di sicurezza', // ref MT
  securityInfoDescription: 'Questi sono i metodi usati per accedere all’account o reimpostare la password.',
  addMethod: 'Aggiungi metodo di accesso',
  methodsAria: 'Metodi delle info di sicurezza',
  rowPassword: 'Password',
  rowTap: 'Pass di accesso temporaneo',
  rowPasskeyDeviceBound: 'Passkey (associata al dispositivo)',
  rowPasskeySynced: 'Passkey (sincronizzata)',
  rowSecurityKey: 'Chiave di sicurezza', // ref MT
  delete: 'Elimina', // ref MT
  deletePasskeyAria: 'Elimina passkey',
  deleteTitleLegacy: 'Elimina chiave di sicurezza', // ref MT
  cancel: 'Annulla',
  close: 'Chiudi',
  addDialogTitle: 'Aggiungi un metodo di accesso',
  recommended: 'Consigliato',
  passkey: 'Passkey',
  passkeyDescription: 'Accedi con il viso, l’impronta digitale, il PIN o una chiave di sicurezza',
  showMoreOptions: 'Mostra altre opzioni',
  methodAuthenticatorDescription: 'Approva le richieste di accesso o usa codici monouso',
  methodPhone: 'Telefono',
  methodPhoneDescription: 'Ricevi una chiamata o un SMS per accedere con un codice',
  methodEmail: 'Posta elettronica',
  methodEmailDescription: 'Usa un indirizzo di posta elettronica per reimpostare la password',
  signInFasterTitle: 'Accedi più velocemente con il viso, l’impronta digitale o il PIN',
  signInFasterText:
    'Le passkey sono un modo più sicuro e veloce per accedere. Il browser o il dispositivo chiederà dove salvare la passkey.',
  nameTitle: 'Assegniamo un nome alla passkey',
  nameText: 'Assegna un nome alla passkey per riconoscerla in seguito.',
  nameLabel: 'Nome della passkey',
  nameRequired: 'Immetti un nome per la passkey.',
  createdTitle: 'Passkey creata',
  createdText: 'Ora puoi usare la passkey "{name}" per accedere.',
  done: 'Fine', // ref MT
  bannerMaxKeys: 'È già stato raggiunto il limite di 10 chiavi di sicurezza',
  bannerNeedMfa: 'Per configurare una chiave di sicurezza, è necessario accedere con l’autenticazione a due fattori.',
  addDialogTitleLegacy: 'Aggiungi un metodo', // ref MT
  addDialogTextLegacy: 'Quale metodo vuoi aggiungere?',
  methodOptionsAria: 'Opzioni del metodo di autenticazione',
  chooseMethod: 'Scegli un metodo',
  securityKey: 'Chiave di sicurezza', // ref MT
  add: 'Aggiungi', // ref MT
  securityKeyTitle: 'Chiave di sicurezza', // ref MT
  usbDevice: 'Dispositivo USB', // ref MT
  nfcDevice: 'Dispositivo NFC', // ref MT
  fidoTitle: 'Configurazione della passkey...',
  fidoText:
    'Il dispositivo sta aprendo una finestra di sicurezza. Segui le istruzioni per completare la configurazione della passkey.',
  fidoTitleLegacy: 'Impostazione del nuovo metodo di accesso', // ref MT
  tryAgain: 'Riprova',
  nudgeText: 'Le passkey sono un modo più veloce e sicuro per accedere. Configurane una ora.',
  otherOptions: 'Altre opzioni',
  skipForNow: 'Ignora per ora',
  skip: 'Ignora',
  nudgeErrorTitle: 'Non è stato possibile configurare la passkey',
  passkeyFirstTitle: 'Accedi con una passkey',
  passkeyFirstText: 'Usa il viso, l’impronta digitale, il PIN o una chiave di sicurezza per accedere.',
  keepSecureTitle: 'Proteggi l’account',
  skipSetup: 'Ignora configurazione',
};

const PT_BR: Table = {
  documentTitle: 'Entrar em sua conta',
  signIn: 'Entrar',
  pickAccount: 'Escolha uma conta',
  useAnotherAccount: 'Usar outra conta',
  signedIn: 'Conectado',
  tileAria: 'Entrar com a conta corporativa ou de estudante {upn}.',
  usernamePlaceholder: 'Email, telefone ou Skype',
  usernameAria: 'Insira seu email, telefone ou nome Skype.',
  next: 'Avançar', // ref MT ("Próximo / Avançar")
  back: 'Voltar',
  cantAccess: 'Não consegue acessar sua conta?',
  signInOptions: 'Opções de entrada',
  enterPassword: 'Insira a senha',
  passwordPlaceholder: 'Senha',
  passwordAria: 'Insira a senha de {upn}',
  forgotPassword: 'Esqueci minha senha',
  otherWays: 'Outras formas de entrar',
  useTapInstead: 'Usar seu Passe de Acesso Temporário',
  enterTap: 'Insira o Passe de Acesso Temporário',
  tapPlaceholder: 'Passe de Acesso Temporário',
  tapAria: 'Insira o Passe de Acesso Temporário',
  usePasswordInstead: 'Usar sua senha',
  signInButton: 'Entrar',
  kmsiTitle: 'Continuar conectado?',
  kmsiDescription: 'Faça isso para reduzir o número de vezes que você precisa entrar.',
  kmsiDontShow: 'Não mostrar isso novamente',
  no: 'Não',
  yes: 'Sim',
  proofUpTitle: 'Mais informações necessárias',
  proofUpDescription: 'Sua organização precisa de mais informações para manter sua conta segura',
  proofUpOtherAccount: 'Usar outra conta',
  learnMore: 'Saiba mais',
  signedOutTitle: 'Você saiu da sua conta',
  tapExpired: 'Seu Passe de Acesso Temporário expirou.',
  msTitle: 'Minhas Entradas',
  msDocumentTitle: 'Minhas Entradas | Informações de Segurança | Microsoft.com',
  navOverview: 'Visão geral',
  navSecurityInfo: 'Informações de Segurança', // ref MT
  navOrganizations: 'Organizações',
  navDevices: 'Dispositivos',
  navPrivacy: 'Privacidade',
  navRecentActivity: 'Atividade recente',
  meControlAria: 'Gerenciador de contas de {name}',
  signOut: 'Sair',
  securityInfo: 'Informações de Segurança', // ref MT
  securityInfoDescription: 'Estes são os métodos que você usa para entrar na sua conta ou redefinir sua senha.',
  addMethod: 'Adicionar método de entrada',
  methodsAria: 'Métodos de informações de segurança',
  rowPassword: 'Senha',
  rowTap: 'Passe de Acesso Temporário',
  rowPasskeyDeviceBound: 'Chave de acesso (vinculada ao dispositivo)',
  rowPasskeySynced: 'Chave de acesso (sincronizada)',
  rowSecurityKey: 'Chave de Segurança', // ref MT
  delete: 'Excluir', // ref MT
  deletePasskeyAria: 'Excluir chave de acesso',
  deleteTitleLegacy: 'Excluir chave de segurança', // ref MT
  cancel: 'Cancelar',
  close: 'Fechar',
  addDialogTitle: 'Adicionar um método de entrada',
  recommended: 'Recomendado',
  passkey: 'Chave de acesso',
  passkeyDescription: 'Entre com seu rosto, impressão digital, PIN ou chave de segurança',
  showMoreOptions: 'Mostrar mais opções',
  methodAuthenticatorDescription: 'Aprovar solicitações de entrada ou usar códigos de uso único',
  methodPhone: 'Telefone',
  methodPhoneDescription: 'Receber uma chamada ou SMS para entrar com um código',
  methodEmail: 'Email',
  methodEmailDescription: 'Usar um endereço de email para redefinir sua senha',
  signInFasterTitle: 'Entre mais rápido com seu rosto, impressão digital ou PIN',
  signInFasterText:
    'As chaves de acesso são uma forma mais segura e rápida de entrar. Em seguida, seu navegador ou dispositivo perguntará onde salvar a chave de acesso.',
  nameTitle: 'Vamos dar um nome à sua chave de acesso',
  nameText: 'Dê um nome à chave de acesso para identificá-la mais tarde.',
  nameLabel: 'Nome da chave de acesso',
  nameRequired: 'Insira um nome para a chave de acesso.',
  createdTitle: 'Chave de acesso criada',
  createdText: 'Agora você pode usar a chave de acesso "{name}" para entrar.',
  done: 'Concluído', // ref MT
  bannerMaxKeys: 'Você já atingiu o limite de 10 chaves de segurança',
  bannerNeedMfa: 'Para configurar uma chave de segurança, você precisa entrar com a autenticação de dois fatores.',
  addDialogTitleLegacy: 'Adicionar um método', // ref MT
  addDialogTextLegacy: 'Qual método você deseja adicionar?',
  methodOptionsAria: 'Opções de método de autenticação',
  chooseMethod: 'Escolha um método',
  securityKey: 'Chave de Segurança', // ref MT
  add: 'Adicionar', // ref MT
  securityKeyTitle: 'Chave de Segurança', // ref MT
  usbDevice: 'Dispositivo USB', // ref MT
  nfcDevice: 'Dispositivo NFC', // ref MT
  fidoTitle: 'Configurando sua chave de acesso...',
  fidoText:
    'Seu dispositivo está abrindo uma janela de segurança. Siga as instruções para concluir a configuração da chave de acesso.',
  fidoTitleLegacy: 'Configuração de seu novo método de entrada', // ref MT
  tryAgain: 'Tentar novamente',
  nudgeText: 'As chaves de acesso são uma forma mais rápida e segura de entrar. Configure uma agora.',
  otherOptions: 'Outras opções',
  skipForNow: 'Ignorar por enquanto',
  skip: 'Ignorar',
  nudgeErrorTitle: 'Não foi possível configurar sua chave de acesso',
  passkeyFirstTitle: 'Entrar com uma chave de acesso',
  passkeyFirstText: 'Use seu rosto, impressão digital, PIN ou chave de segurança para entrar.',
  keepSecureTitle: 'Mantenha sua conta segura',
  skipSetup: 'Ignorar configuração',
};

const NL: Table = {
  documentTitle: 'Aanmelden bij uw account',
  signIn: 'Aanmelden',
  pickAccount: 'Een account kiezen',
  useAnotherAccount: 'Een ander account gebruiken',
  signedIn: 'Aangemeld',
  tileAria: 'Aanmelden met het werk- of schoolaccount {upn}.',
  usernamePlaceholder: 'E-mailadres, telefoonnummer of Skype',
  usernameAria: 'Voer uw e-mailadres, telefoonnummer of Skype-naam in.',
  next: 'Volgende',
  back: 'Terug',
  cantAccess: 'Hebt u geen toegang tot uw account?',
  signInOptions: 'Aanmeldingsopties',
  enterPassword: 'Wachtwoord invoeren',
  passwordPlaceholder: 'Wachtwoord',
  passwordAria: 'Voer het wachtwoord voor {upn} in',
  forgotPassword: 'Ik ben mijn wachtwoord vergeten',
  otherWays: 'Andere manieren om u aan te melden',
  useTapInstead: 'Uw tijdelijke toegangspas gebruiken',
  enterTap: 'Tijdelijke toegangspas invoeren',
  tapPlaceholder: 'Tijdelijke toegangspas',
  tapAria: 'Tijdelijke toegangspas invoeren',
  usePasswordInstead: 'In plaats daarvan uw wachtwoord gebruiken',
  signInButton: 'Aanmelden',
  kmsiTitle: 'Aangemeld blijven?', // ref M
  kmsiDescription: 'Doe dit om het aantal keren dat u zich moet aanmelden te verminderen.',
  kmsiDontShow: 'Dit niet meer weergeven',
  no: 'Nee',
  yes: 'Ja', // ref M
  proofUpTitle: 'Meer informatie vereist',
  proofUpDescription: 'Uw organisatie heeft meer informatie nodig om uw account veilig te houden',
  proofUpOtherAccount: 'Een ander account gebruiken',
  learnMore: 'Meer informatie',
  signedOutTitle: 'U bent afgemeld bij uw account',
  tapExpired: 'Uw tijdelijke toegangspas is verlopen.',
  msTitle: 'Mijn aanmeldingen',
  msDocumentTitle: 'Mijn aanmeldingen | Beveiligingsgegevens | Microsoft.com',
  navOverview: 'Overzicht',
  navSecurityInfo: 'Beveiligingsgegevens',
  navOrganizations: 'Organisaties',
  navDevices: 'Apparaten',
  navPrivacy: 'Privacy',
  navRecentActivity: 'Recente activiteit',
  meControlAria: 'Accountbeheer voor {name}',
  signOut: 'Afmelden',
  securityInfo: 'Beveiligingsgegevens',
  securityInfoDescription:
    'Dit zijn de methoden die u gebruikt om u aan te melden bij uw account of om uw wachtwoord opnieuw in te stellen.',
  addMethod: 'Aanmeldingsmethode toevoegen',
  methodsAria: 'Methoden voor beveiligingsgegevens',
  rowPassword: 'Wachtwoord',
  rowTap: 'Tijdelijke toegangspas',
  rowPasskeyDeviceBound: 'Wachtwoordsleutel (apparaatgebonden)',
  rowPasskeySynced: 'Wachtwoordsleutel (gesynchroniseerd)',
  rowSecurityKey: 'Beveiligingssleutel',
  delete: 'Verwijderen',
  deletePasskeyAria: 'Wachtwoordsleutel verwijderen',
  deleteTitleLegacy: 'Beveiligingssleutel verwijderen',
  cancel: 'Annuleren',
  close: 'Sluiten',
  addDialogTitle: 'Een aanmeldingsmethode toevoegen',
  recommended: 'Aanbevolen',
  passkey: 'Wachtwoordsleutel',
  passkeyDescription: 'Meld u aan met uw gezicht, vingerafdruk, pincode of beveiligingssleutel',
  showMoreOptions: 'Meer opties weergeven',
  methodAuthenticatorDescription: 'Aanmeldingsaanvragen goedkeuren of eenmalige codes gebruiken',
  methodPhone: 'Telefoon',
  methodPhoneDescription: 'Een oproep of sms ontvangen om u aan te melden met een code',
  methodEmail: 'E-mail',
  methodEmailDescription: 'Een e-mailadres gebruiken om uw wachtwoord opnieuw in te stellen',
  signInFasterTitle: 'Sneller aanmelden met uw gezicht, vingerafdruk of pincode',
  signInFasterText:
    'Wachtwoordsleutels zijn een veiligere en snellere manier om u aan te melden. Uw browser of apparaat vraagt waar u de wachtwoordsleutel wilt opslaan.',
  nameTitle: 'Geef uw wachtwoordsleutel een naam',
  nameText: 'Geef uw wachtwoordsleutel een naam zodat u deze later herkent.',
  nameLabel: 'Naam van wachtwoordsleutel',
  nameRequired: 'Voer een naam in voor uw wachtwoordsleutel.',
  createdTitle: 'Wachtwoordsleutel gemaakt',
  createdText: 'U kunt zich nu aanmelden met uw wachtwoordsleutel "{name}".',
  done: 'Gereed',
  bannerMaxKeys: 'U hebt de limiet van 10 beveiligingssleutels al bereikt',
  bannerNeedMfa: 'Als u een beveiligingssleutel wilt instellen, moet u zich aanmelden met tweeledige verificatie.',
  addDialogTitleLegacy: 'Een methode toevoegen',
  addDialogTextLegacy: 'Welke methode wilt u toevoegen?',
  methodOptionsAria: 'Opties voor verificatiemethoden',
  chooseMethod: 'Een methode kiezen',
  securityKey: 'Beveiligingssleutel',
  add: 'Toevoegen',
  securityKeyTitle: 'Beveiligingssleutel',
  usbDevice: 'USB-apparaat',
  nfcDevice: 'NFC-apparaat',
  fidoTitle: 'Uw wachtwoordsleutel instellen...',
  fidoText:
    'Uw apparaat opent een beveiligingsvenster. Volg de instructies om het instellen van uw wachtwoordsleutel te voltooien.',
  fidoTitleLegacy: 'Uw nieuwe aanmeldingsmethode instellen',
  tryAgain: 'Opnieuw proberen',
  nudgeText: 'Wachtwoordsleutels zijn een snellere, veiligere manier om u aan te melden. Stel er nu een in.',
  otherOptions: 'Andere opties',
  skipForNow: 'Nu overslaan',
  skip: 'Overslaan',
  nudgeErrorTitle: 'Uw wachtwoordsleutel kan niet worden ingesteld',
  passkeyFirstTitle: 'Aanmelden met een wachtwoordsleutel',
  passkeyFirstText: 'Gebruik uw gezicht, vingerafdruk, pincode of beveiligingssleutel om u aan te melden.',
  keepSecureTitle: 'Uw account beveiligen',
  skipSetup: 'Instellen overslaan',
};

const PL: Table = {
  documentTitle: 'Zaloguj się do konta',
  signIn: 'Zaloguj się',
  pickAccount: 'Wybierz konto',
  useAnotherAccount: 'Użyj innego konta',
  signedIn: 'Zalogowano',
  tileAria: 'Zaloguj się przy użyciu konta służbowego lub szkolnego {upn}.',
  usernamePlaceholder: 'Adres e-mail, telefon lub Skype',
  usernameAria: 'Wprowadź adres e-mail, numer telefonu lub nazwę Skype.',
  next: 'Dalej', // ref MT
  back: 'Wstecz',
  cantAccess: 'Nie możesz uzyskać dostępu do konta?',
  signInOptions: 'Opcje logowania',
  enterPassword: 'Wprowadź hasło',
  passwordPlaceholder: 'Hasło',
  passwordAria: 'Wprowadź hasło dla {upn}',
  forgotPassword: 'Nie pamiętam hasła',
  otherWays: 'Inne sposoby logowania',
  useTapInstead: 'Zamiast tego użyj tymczasowej przepustki dostępu',
  enterTap: 'Wprowadź tymczasową przepustkę dostępu',
  tapPlaceholder: 'Tymczasowa przepustka dostępu',
  tapAria: 'Wprowadź tymczasową przepustkę dostępu',
  usePasswordInstead: 'Zamiast tego użyj hasła',
  signInButton: 'Zaloguj się',
  kmsiTitle: 'Nie wylogowywać?',
  kmsiDescription: 'Zrób to, aby zmniejszyć liczbę monitów o zalogowanie.',
  kmsiDontShow: 'Nie pokazuj ponownie',
  no: 'Nie',
  yes: 'Tak',
  proofUpTitle: 'Wymagane więcej informacji',
  proofUpDescription: 'Twoja organizacja potrzebuje więcej informacji, aby chronić Twoje konto',
  proofUpOtherAccount: 'Użyj innego konta',
  learnMore: 'Dowiedz się więcej',
  signedOutTitle: 'Wylogowano Cię z konta',
  tapExpired: 'Twoja tymczasowa przepustka dostępu wygasła.',
  msTitle: 'Moje logowania',
  msDocumentTitle: 'Moje logowania | Informacje o zabezpieczeniach | Microsoft.com',
  navOverview: 'Przegląd',
  navSecurityInfo: 'Informacje o zabezpieczeniach', // ref MT
  navOrganizations: 'Organizacje',
  navDevices: 'Urządzenia',
  navPrivacy: 'Prywatność',
  navRecentActivity: 'Ostatnie działania',
  meControlAria: 'Menedżer kont dla {name}',
  signOut: 'Wyloguj się',
  securityInfo: 'Informacje o zabezpieczeniach', // ref MT
  securityInfoDescription: 'Oto metody, których używasz do logowania się do konta lub resetowania hasła.',
  addMethod: 'Dodaj metodę logowania',
  methodsAria: 'Metody informacji o zabezpieczeniach',
  rowPassword: 'Hasło',
  rowTap: 'Tymczasowa przepustka dostępu',
  rowPasskeyDeviceBound: 'Klucz dostępu (powiązany z urządzeniem)',
  rowPasskeySynced: 'Klucz dostępu (synchronizowany)',
  rowSecurityKey: 'Klucz zabezpieczeń', // ref MT
  delete: 'Usuń', // ref MT
  deletePasskeyAria: 'Usuń klucz dostępu',
  deleteTitleLegacy: 'Usuń klucz zabezpieczeń', // ref MT
  cancel: 'Anuluj',
  close: 'Zamknij',
  addDialogTitle: 'Dodaj metodę logowania',
  recommended: 'Zalecane',
  passkey: 'Klucz dostępu',
  passkeyDescription: 'Zaloguj się za pomocą twarzy, odcisku palca, kodu PIN lub klucza zabezpieczeń',
  showMoreOptions: 'Pokaż więcej opcji',
  methodAuthenticatorDescription: 'Zatwierdzaj żądania logowania lub używaj kodów jednorazowych',
  methodPhone: 'Telefon',
  methodPhoneDescription: 'Odbierz połączenie lub SMS, aby zalogować się za pomocą kodu',
  methodEmail: 'Poczta e-mail',
  methodEmailDescription: 'Użyj adresu e-mail, aby zresetować hasło',
  signInFasterTitle: 'Loguj się szybciej za pomocą twarzy, odcisku palca lub kodu PIN',
  signInFasterText:
    'Klucze dostępu to bezpieczniejszy i szybszy sposób logowania. Przeglądarka lub urządzenie zapyta, gdzie zapisać klucz dostępu.',
  nameTitle: 'Nazwijmy Twój klucz dostępu',
  nameText: 'Nadaj kluczowi dostępu nazwę, aby później go rozpoznać.',
  nameLabel: 'Nazwa klucza dostępu',
  nameRequired: 'Wprowadź nazwę klucza dostępu.',
  createdTitle: 'Utworzono klucz dostępu',
  createdText: 'Możesz teraz logować się przy użyciu klucza dostępu „{name}”.',
  done: 'Gotowe', // ref MT ("gotowe")
  bannerMaxKeys: 'Osiągnięto już limit 10 kluczy zabezpieczeń',
  bannerNeedMfa:
    'Aby skonfigurować klucz zabezpieczeń, musisz zalogować się przy użyciu uwierzytelniania dwuskładnikowego.',
  addDialogTitleLegacy: 'Dodaj metodę', // ref MT
  addDialogTextLegacy: 'Którą metodę chcesz dodać?',
  methodOptionsAria: 'Opcje metody uwierzytelniania',
  chooseMethod: 'Wybierz metodę',
  securityKey: 'Klucz zabezpieczeń', // ref MT
  add: 'Dodaj', // ref MT
  securityKeyTitle: 'Klucz zabezpieczeń', // ref MT
  usbDevice: 'Urządzenie USB', // ref MT
  nfcDevice: 'Urządzenie NFC', // ref MT
  fidoTitle: 'Konfigurowanie klucza dostępu...',
  fidoText:
    'Urządzenie otwiera okno zabezpieczeń. Postępuj zgodnie z instrukcjami, aby dokończyć konfigurowanie klucza dostępu.',
  fidoTitleLegacy: 'Konfigurowanie nowej metody logowania', // ref MT
  tryAgain: 'Spróbuj ponownie',
  nudgeText: 'Klucze dostępu to szybszy i bezpieczniejszy sposób logowania. Skonfiguruj go teraz.',
  otherOptions: 'Inne opcje',
  skipForNow: 'Pomiń na razie',
  skip: 'Pomiń',
  nudgeErrorTitle: 'Nie można skonfigurować klucza dostępu',
  passkeyFirstTitle: 'Zaloguj się przy użyciu klucza dostępu',
  passkeyFirstText: 'Użyj twarzy, odcisku palca, kodu PIN lub klucza zabezpieczeń, aby się zalogować.',
  keepSecureTitle: 'Chroń swoje konto',
  skipSetup: 'Pomiń konfigurację',
};

/** The tables by language (English fills the gaps, see STRINGS in i18n.ts). */
export const MORE_LANGS = { fr: FR, es: ES, ja: JA, it: IT, 'pt-BR': PT_BR, nl: NL, pl: PL } as const;
