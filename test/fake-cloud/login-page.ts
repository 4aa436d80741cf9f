/**
 * Server-rendered look-alike of Entra's ConvergedSignIn page (microsoft-pages.md §3, §8). Every view is
 * a full page that POSTs back to `/{tenant}/login`; the selectors content scripts rely on are real:
 * `form#i0281[name=f1]`, `#loginHeader [role=heading][aria-level=1]`, `#i0116[name=loginfmt]`, the hidden
 * `#i0118.moveOffScreen` trap, `#idSIButton9`, `#usernameError`, `#passwordError`, `#otherTile`, …
 *
 * This module holds the page chrome; the views themselves (username, password, TAP, KMSI, picker, interrupts,
 * signed out), in English and German, are in `pages/signin-views.ts`.
 */
import { escapeHtml as e } from './http.ts';

export interface LoginPageOptions {
  /** Heading in #loginHeader. */
  title: string;
  /** knockout view id (1 username, 2 password, 24 picker, 1x custom) for data-viewid. */
  viewId: string;
  /** Inner HTML of the view (inputs, errors, links, buttons). */
  body: string;
  /** Form action (e.g. /{tenant}/login). Omit for a page without a form (error page). */
  action?: string;
  /** Hidden inputs. */
  hidden?: Record<string, string>;
  /** `$Config` values (pgid, sFT, iErrorCode, …). */
  config?: Record<string, unknown>;
  /** Shown above the heading (the identity banner on the password view). */
  identityBanner?: string;
  /** Page <title>. */
  documentTitle?: string;
  /** Extra <script> content. */
  script?: string;
  /** `<html lang>`; default en. */
  lang?: string;
  /** `converged` (default): Entra's `#loginHeader [role=heading]` + `form#i0281`. `testid`: consumer-MSA style `h1[data-testid=title]`, no `#i0281`. */
  style?: 'converged' | 'testid';
  /** `name` of the form (default f1). */
  formName?: string;
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font-family:"Segoe UI","Helvetica Neue",Arial,sans-serif;background:#f2f2f2;color:#1b1b1b}
.outer{display:flex;min-height:100vh;align-items:center;justify-content:center}
.inner{background:#fff;width:440px;max-width:100%;padding:44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
.logo{font-weight:600;color:#737373;margin-bottom:16px;font-size:15px}
.row{margin-bottom:16px}.text-title{font-size:24px;font-weight:600;line-height:28px}
.identity{display:flex;align-items:center;gap:8px;margin-bottom:12px;font-size:15px}
.identity button{border:0;background:none;cursor:pointer;font-size:18px;padding:0 4px}
input.form-control{width:100%;border:0;border-bottom:1px solid #666;padding:6px 0;font-size:15px;outline:none;background:transparent}
input.form-control:focus{border-bottom-color:#0067b8}
.moveOffScreen{position:fixed;bottom:0;right:0;height:0!important;width:0!important;overflow:hidden;opacity:0;filter:alpha(opacity=0)}
.error{color:#e81123;font-size:15px;margin:8px 0}
.button_primary{background:#0067b8;color:#fff;border:0;min-width:108px;padding:6px 12px;font-size:15px;cursor:pointer}
.button_secondary{background:#ccc;color:#000;border:0;min-width:108px;padding:6px 12px;font-size:15px;cursor:pointer}
.buttons{display:flex;justify-content:flex-end;gap:8px;margin-top:24px}
a{color:#0067b8;text-decoration:none;font-size:13px}.links div{margin:8px 0}
.tile{display:flex;gap:12px;align-items:center;padding:12px 8px;cursor:pointer;border:0}.tile:hover{background:#e6e6e6}
.tile .avatar{width:40px;height:40px;border-radius:50%;background:#ccc;display:flex;align-items:center;justify-content:center}
.tile small{display:block;font-size:13px;color:#505050}
.debug{font-size:12px;color:#505050;margin-top:24px;word-break:break-all}
h1.text-title{margin:0 0 16px}
button.button_primary,button.button_secondary{font-family:inherit}
.footer-links [role=button]{color:#0067b8;cursor:pointer;font-size:13px;display:block;margin:8px 0}
.text-body{font-size:15px;margin-bottom:12px}
`;

export function renderLoginPage(o: LoginPageOptions): string {
  const hidden = Object.entries(o.hidden ?? {})
    .map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`)
    .join('\n');
  const config = JSON.stringify({
    pgid: 'ConvergedSignIn',
    iErrorCode: 0,
    strServiceExceptionMessage: '',
    ...(o.config ?? {}),
  }).replace(/</g, '\\u003c');
  const testid = o.style === 'testid';
  const heading = testid
    ? `<h1 data-testid="title" class="row text-title">${e(o.title)}</h1>`
    : `<div id="loginHeader" class="row title ext-title"><div role="heading" aria-level="1" class="row text-title" data-bind="text: str">${e(o.title)}</div></div>`;
  const inner = `
    <div class="logo" aria-label="Microsoft">Microsoft</div>
    ${o.identityBanner ?? ''}
    ${heading}
    <div data-viewid="${e(o.viewId)}" class="pagination-view">
      ${o.body}
    </div>`;
  const formAttrs = testid ? `name="${e(o.formName ?? 'f1')}"` : `name="${e(o.formName ?? 'f1')}" id="i0281"`;
  const content = o.action
    ? `<form ${formAttrs} novalidate spellcheck="false" method="post" target="_top" autocomplete="off" action="${e(o.action)}">${inner}
${hidden}
</form>`
    : inner;
  return `<!DOCTYPE html>
<html dir="ltr" lang="${e(o.lang ?? 'en')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(o.documentTitle ?? 'Sign in to your account')}</title><style>${CSS}</style>
<script type="text/javascript">//<![CDATA[
$Config=${config};
//]]></script></head>
<body class="cb"><div class="outer"><div class="inner" role="main">
${content}
</div></div>
${o.script ? `<script>${o.script}</script>` : ''}
</body></html>`;
}

export function errorBlock(id: string, message: string | undefined): string {
  return `<div role="alert" aria-live="assertive">${message ? `<div id="${e(id)}" class="error ext-error">${message}</div>` : ''}</div>`;
}

/** A type=button (so Enter in a field never means "back") that posts `action=back`. */
const BACK_ONCLICK =
  "var f=this.form,i=document.createElement('input');i.type='hidden';i.name='action';i.value='back';f.appendChild(i);f.submit();";

/** The identity banner above the heading of the password/TAP views: back arrow + `#displayName` (the UPN). */
export function identityBanner(upn: string, backLabel = 'Back'): string {
  return `<div class="identity"><button type="button" id="idBtn_Back_Arrow" aria-label="${e(backLabel)}" onclick="${e(BACK_ONCLICK)}">&#8592;</button><div id="displayName" class="identity" title="${e(upn)}">${e(upn)}</div></div>`;
}

export function errorPageView(opts: {
  code: number;
  message: string;
  requestId: string;
  correlationId: string;
  timestamp: string;
}): string {
  return `
      <div id="idTD_Error" role="alert" aria-live="assertive">
        <div id="errorText" class="error ext-error">Sorry, but we’re having trouble signing you in.</div>
        <div id="errorDescription" class="row">AADSTS${opts.code}: ${e(opts.message)}</div>
      </div>
      <div class="debug" id="debugDetails">
        <div>Request Id: <span id="requestId">${e(opts.requestId)}</span></div>
        <div>Correlation Id: <span id="correlationId">${e(opts.correlationId)}</span></div>
        <div>Timestamp: <span id="timestamp">${e(opts.timestamp)}</span></div>
        <div>Message: <span id="errorMessage">AADSTS${opts.code}: ${e(opts.message)}</span></div>
      </div>`;
}
