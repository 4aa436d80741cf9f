/**
 * The passkey registration page on login.microsoft.com (`POST /{tenantId}/fido/create?cid=…`, reference §2, §6.4–6.7)
 * and the `newfido` postback answer of My Sign-ins.
 *
 * The real page's DOM is unknown (reference §7: NONE); only its texts are public. The fake uses the ConvergedSignIn
 * chrome: heading in `#loginHeader [role=heading]`, text in `#fidoDescription`, [Cancel] = `#idBtn_Back`,
 * [Next] = `#idSIButton9`, errors in `div[role=alert] > #fidoError`. The form (`form#i0281`) posts to `postBackUrl`.
 */
import { escapeHtml as e } from '../http.ts';
import { renderLoginPage } from '../login-page.ts';
import type { PagesLocale } from './config.ts';
import { stringsFor } from './i18n.ts';
import { htmlLang, LANG_LOCALE } from './look.ts';
import { withPageMeta } from './signin-views.ts';

/** The fields My Sign-ins form-POSTs to fido/create (§6.4). */
export interface FidoCreateRequest {
  correlationId: string;
  canary: string;
  serverChallenge: string;
  /** base64url WebAuthn user handle. */
  userId: string;
  memberName: string;
  userDisplayName: string;
  userIconUrl?: string;
  postBackUrl: string;
  /** JSON array of `{type:"public-key", id:<base64url>, transports?}`. */
  ExcludeNextGenCredentialsJSON: string;
  /** `authenticatorSelection.authenticatorAttachment`, or empty. */
  authenticator?: string;
}

export interface FidoCreateOptions {
  locale?: PagesLocale;
  texts?: Record<string, string>;
  /** "Setting up your new sign-in method" (legacy security-key flow) instead of "Setting up your passkey...". */
  legacy?: boolean;
  /** Call create() on load instead of waiting for Next. */
  autoStart?: boolean;
  request?: Partial<FidoCreateRequest>;
  /** look.order: `settingUpFirst` means My Sign-ins showed "Setting up your passkey" and this page says "Sign in
   *  faster with your face, fingerprint, or PIN" (reference §10.1.6). */
  order?: 'fasterFirst' | 'settingUpFirst';
  /** A server-side error shown in the alert instead of starting (e.g. an unknown canary). */
  error?: string;
  errorCode?: number;
}

/** Fields the page posts back to `postBackUrl` (§6.6). */
export const NEWFIDO_FIELDS = [
  'canary',
  'authenticator',
  'transports',
  'aaguid',
  'credentialDeviceType',
  'credentialBackedUp',
  'attestationParseError',
  'error_code',
  'suberror_code',
  'clientDataJson',
  'attestationObject',
  'credentialId',
  'clientExtensionResults',
  'i19',
] as const;

export function renderFidoCreate(o: FidoCreateOptions = {}): string {
  const s = stringsFor(o.locale ?? 'en', o.texts ?? {});
  const r: FidoCreateRequest = {
    correlationId: '',
    canary: '',
    serverChallenge: '',
    userId: '',
    memberName: '',
    userDisplayName: '',
    postBackUrl: 'https://mysignins.microsoft.com/api/post/newfido',
    ExcludeNextGenCredentialsJSON: '[]',
    ...(o.request ?? {}),
  };
  let exclude: unknown;
  try {
    exclude = JSON.parse(r.ExcludeNextGenCredentialsJSON || '[]');
  } catch {
    exclude = [];
  }
  const hidden: Record<string, string> = Object.fromEntries(NEWFIDO_FIELDS.map((f) => [f, '']));
  hidden.canary = r.canary;
  const swapped = !o.legacy && o.order === 'settingUpFirst';
  const title = o.legacy ? s.fidoTitleLegacy : swapped ? s.signInFasterTitle : s.fidoTitle;
  const text = o.legacy ? s.fidoTextLegacy : swapped ? s.signInFasterText : s.fidoText;
  const body = `
      <div id="fidoDescription" class="row text-body">${e(text)}</div>
      <div role="alert" aria-live="assertive" id="fidoErrorHost">${o.error ? `<div id="fidoError" class="error ext-error">${e(o.error)}</div>` : ''}</div>
      <div class="buttons">
        <input type="button" id="idBtn_Back" class="win-button button_secondary button ext-button secondary ext-secondary" value="${e(s.cancel)}">
        <input type="button" id="idSIButton9" class="win-button button_primary button ext-button primary ext-primary" value="${e(s.next)}"${o.error ? ' disabled' : ''}>
      </div>`;
  const page = renderLoginPage({
    title,
    viewId: 'fidocreate',
    lang: htmlLang(o.locale ?? 'en'),
    documentTitle: s.documentTitle,
    action: r.postBackUrl,
    body,
    hidden,
    config: {
      pgid: 'ConvergedFidoCreate',
      locale: {
        mkt: (LANG_LOCALE[o.locale ?? 'en'] ?? LANG_LOCALE.en).mkt,
        lcid: (LANG_LOCALE[o.locale ?? 'en'] ?? LANG_LOCALE.en).lcid,
      },
      iErrorCode: o.errorCode ?? 0,
      strServiceExceptionMessage: o.error ?? '',
      correlationId: r.correlationId,
      oFido: {
        serverChallenge: r.serverChallenge,
        userId: r.userId,
        memberName: r.memberName,
        userDisplayName: r.userDisplayName,
        excludeCredentials: exclude,
        authenticator: r.authenticator ?? '',
        timeout: 600000,
        autoStart: !!o.autoStart && !o.error,
        hasError: !!o.error,
      },
      oFidoStrings: {
        next: s.next,
        cancel: s.cancel,
        tryAgain: s.tryAgain,
        back: s.back,
        notAllowed: s.fidoErrorNotAllowed,
        invalidState: s.fidoErrorInvalidState,
        notSupported: s.fidoErrorNotSupported,
        generic: s.fidoErrorGeneric,
      },
    },
    script: FIDO_CREATE_SCRIPT,
  });
  return withPageMeta(page, 'ConvergedFidoCreate', o.locale ?? 'en');
}

/**
 * Builds the options as GraphSpy reconstructs them (§6.5), calls navigator.credentials.create, and form-POSTs the
 * result (§6.6). On an error: the message in `#fidoError`, Next becomes "Try again", Cancel becomes "Back"
 * (which posts `error_code=<DOMException name>` so My Sign-ins shows its error banner); Cancel before any attempt
 * posts `error_code=UserCanceled`.
 */
export const FIDO_CREATE_SCRIPT = `(function(){
'use strict';
var C=$Config.oFido, T=$Config.oFidoStrings, f=document.forms.f1||document.forms[0];
var next=document.getElementById('idSIButton9'), back=document.getElementById('idBtn_Back'), errHost=document.getElementById('fidoErrorHost');
var t0=Date.now(), busy=false, lastError='';
function b64uToBytes(s){ s=String(s||'').replace(/-/g,'+').replace(/_/g,'/'); while(s.length%4) s+='='; var b=atob(s), a=new Uint8Array(b.length); for(var i=0;i<b.length;i++) a[i]=b.charCodeAt(i); return a; }
function toB64u(buf){ var a=new Uint8Array(buf), s=''; for(var i=0;i<a.length;i++) s+=String.fromCharCode(a[i]); return btoa(s).replace(/\\+/g,'-').replace(/\\//g,'_').replace(/=+$/,''); }
function hex(a){ var h=''; for(var i=0;i<a.length;i++) h+=('0'+a[i].toString(16)).slice(-2); return h; }
function guid(a){ var h=hex(a); return h.slice(0,8)+'-'+h.slice(8,12)+'-'+h.slice(12,16)+'-'+h.slice(16,20)+'-'+h.slice(20,32); }
function set(n,v){ var el=f.elements[n]; if(el) el.value=(v===undefined||v===null)?'':String(v); }
function showError(msg){ errHost.innerHTML='<div id="fidoError" class="error ext-error"></div>'; document.getElementById('fidoError').textContent=msg; next.value=T.tryAgain; back.value=T.back; }
function options(){
  var sel={residentKey:'required',requireResidentKey:true,userVerification:'required'};
  if(C.authenticator) sel.authenticatorAttachment=C.authenticator;
  return {publicKey:{
    challenge:new TextEncoder().encode(C.serverChallenge),
    rp:{id:location.hostname,name:'Microsoft'},
    user:{id:b64uToBytes(C.userId),name:C.memberName,displayName:C.userDisplayName},
    pubKeyCredParams:[{type:'public-key',alg:-7},{type:'public-key',alg:-257}],
    timeout:C.timeout,
    authenticatorSelection:sel,
    attestation:'direct',
    extensions:{hmacCreateSecret:true},
    excludeCredentials:(C.excludeCredentials||[]).map(function(c){ var x={type:'public-key',id:b64uToBytes(c.id)}; if(c.transports) x.transports=c.transports; return x; })
  }};
}
function run(){
  if(busy||C.hasError) return; busy=true; errHost.innerHTML=''; next.disabled=true;
  var p;
  try{ p=navigator.credentials.create(options()); }catch(err){ p=Promise.reject(err); }
  Promise.resolve(p).then(function(cred){
    var r=cred.response, ad=null, tr=[], ext={};
    try{ if(r.getAuthenticatorData) ad=new Uint8Array(r.getAuthenticatorData()); }catch(x){ ad=null; }
    try{ if(r.getTransports) tr=r.getTransports()||[]; }catch(x){ tr=[]; }
    try{ ext=cred.getClientExtensionResults?cred.getClientExtensionResults():{}; }catch(x){ ext={}; }
    set('clientDataJson',toB64u(r.clientDataJSON));
    set('attestationObject',toB64u(r.attestationObject));
    set('credentialId',toB64u(cred.rawId||b64uToBytes(cred.id)));
    set('clientExtensionResults',toB64u(new TextEncoder().encode(JSON.stringify(ext||{}))));
    set('transports',tr.length?tr.join(','):'usb');
    if(ad&&ad.length>=55){ set('aaguid',guid(ad.slice(37,53))); set('credentialDeviceType',(ad[32]&0x08)?'multiDevice':'singleDevice'); set('credentialBackedUp',(ad[32]&0x10)?'true':'false'); set('attestationParseError','false'); }
    else { set('aaguid',''); set('credentialDeviceType','singleDevice'); set('credentialBackedUp','false'); set('attestationParseError','true'); }
    set('authenticator',cred.authenticatorAttachment||C.authenticator||'');
    set('error_code',''); set('suberror_code',''); set('i19',String(Date.now()-t0));
    f.submit();
  },function(err){
    busy=false; next.disabled=false; lastError=(err&&err.name)||'UnknownError';
    showError(lastError==='NotAllowedError'?T.notAllowed:lastError==='InvalidStateError'?T.invalidState:lastError==='NotSupportedError'?T.notSupported:T.generic);
  });
}
next.addEventListener('click',run);
back.addEventListener('click',function(){ set('error_code',lastError||'UserCanceled'); set('suberror_code',''); set('i19',String(Date.now()-t0)); f.submit(); });
if(C.autoStart) run();
})();`;

/** The §6.7 answer of `POST /api/post/newfido`: stores the context in sessionStorage and navigates to `redirectUrl`. */
export function renderNewFidoResult(o: {
  redirectUrl: string;
  context: Record<string, unknown>;
  errorCode?: number;
  errorMessage?: string;
}): string {
  const config = JSON.stringify({
    pgid: 'NewFido',
    iErrorCode: o.errorCode ?? 0,
    strServiceExceptionMessage: o.errorMessage ?? '',
  }).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Working...</title>
<script type="text/javascript">//<![CDATA[
$Config=${config};
//]]></script></head>
<body>
<div id="context" data-content="${e(JSON.stringify(o.context))}"></div>
<div id="redirectUrl" data-content="${e(o.redirectUrl)}"></div>
<script>(function(){try{sessionStorage.setItem('fidoProvisionContext',document.getElementById('context').getAttribute('data-content'));}catch(e){}
location.replace(document.getElementById('redirectUrl').getAttribute('data-content'));})();</script>
</body></html>`;
}
