/**
 * The guidance overlay: a closed Shadow DOM panel so Microsoft's styles and ours never mix.
 * Plain DOM (no framework) to keep content scripts small. Its words are the admin's language (chrome.i18n), which
 * may differ from the Microsoft page's: the panel carries its own `lang` so screen readers pronounce it right.
 */
import { t, uiLanguage } from '../shared/i18n';

export interface OverlayStep {
  label: string;
  state: 'pending' | 'active' | 'done' | 'failed';
}

export interface OverlayView {
  title: string;
  user: string;
  message: string;
  /** Shown under the message but outside its live region (e.g. the pass on request: never announced). */
  note?: string;
  tone?: 'info' | 'key' | 'success' | 'error';
  steps?: OverlayStep[];
  actions?: { label: string; onClick: () => void }[];
  /** Cover the page (automatic mode: the page itself is not for the admin). */
  cover?: boolean;
}

const CSS = `
:host { all: initial; }
.wrap { position: fixed; z-index: 2147483647; font: 14px/1.45 "Segoe UI", system-ui, sans-serif; color: #1b1b1b; }
.wrap.cover { inset: 0; background: rgba(240,240,240,.97); display: grid; place-items: center; }
.wrap.corner { right: 16px; bottom: 16px; }
.panel { background: #fff; border: 1px solid #c8c8c8; border-radius: 8px; box-shadow: 0 8px 28px rgba(0,0,0,.18); padding: 16px 18px; width: min(420px, calc(100vw - 32px)); }
.brand { font-size: 12px; color: #5c5c5c; margin-bottom: 4px; }
h2 { font-size: 17px; margin: 0 0 6px; }
.user { color: #5c5c5c; margin-bottom: 8px; }
.msg { font-size: 15px; padding: 10px 12px; border-radius: 6px; background: #f3f8fd; border-left: 4px solid #0f6cbd; }
.note { margin-top: 8px; font-size: 15px; font-family: ui-monospace, Consolas, monospace; }
.tone-key .msg { background: #fff8e6; border-color: #b7791f; font-size: 17px; font-weight: 600; }
.tone-success .msg { background: #f1faf1; border-color: #107c10; }
.tone-error .msg { background: #fdf3f4; border-color: #c50f1f; }
ol { padding-left: 20px; margin: 10px 0 0; }
li[data-state=done] { color: #107c10; } li[data-state=active] { font-weight: 700; } li[data-state=failed] { color: #c50f1f; } li[data-state=pending] { color: #5c5c5c; }
.actions { display: flex; gap: 8px; margin-top: 12px; }
button { font: inherit; border: 1px solid #c8c8c8; background: #f5f5f5; border-radius: 4px; padding: 5px 12px; cursor: pointer; }
button:focus-visible { outline: 2px solid #005fb8; outline-offset: 2px; }
@media (prefers-color-scheme: dark) {
  .wrap { color: #f0f0f0; } .wrap.cover { background: rgba(20,20,20,.97); }
  .panel { background: #262626; border-color: #444; } .brand, .user, li[data-state=pending] { color: #b3b3b3; }
  .msg { background: #1e2a36; } .tone-key .msg { background: #3a2f12; } .tone-success .msg { background: #1d331d; } .tone-error .msg { background: #3a1d20; }
  button { background: #333; border-color: #555; color: #f0f0f0; }
}`;

export class Overlay {
  private host = document.createElement('passkey-provisioner-overlay');
  private root = this.host.attachShadow({ mode: 'closed' });

  constructor() {
    const style = document.createElement('style');
    style.textContent = CSS;
    this.root.append(style);
    this.host.lang = uiLanguage();
    (document.body ?? document.documentElement).append(this.host);
  }

  private signature = '';

  show(v: OverlayView) {
    // Re-render only when something changed, so keyboard focus on the overlay's buttons survives.
    const signature = JSON.stringify({ ...v, actions: v.actions?.map((a) => a.label) });
    if (signature === this.signature) return;
    this.signature = signature;
    this.root.querySelector('.wrap')?.remove();
    const wrap = el('div', `wrap ${v.cover ? 'cover' : 'corner'} tone-${v.tone ?? 'info'}`);
    wrap.lang = this.host.lang;
    const panel = el('div', 'panel');
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', t('overlayDialogLabel', v.title));
    panel.append(el('div', 'brand', t('extShortName')), el('h2', '', v.title), el('div', 'user', v.user));
    const msg = el('div', 'msg', v.message);
    msg.setAttribute('role', v.tone === 'error' ? 'alert' : 'status');
    panel.append(msg);
    if (v.note) panel.append(el('div', 'note', v.note));
    if (v.steps?.length) {
      const ol = el('ol', '');
      for (const s of v.steps) {
        const li = el('li', '', s.label);
        li.dataset.state = s.state;
        if (s.state === 'active') li.setAttribute('aria-current', 'step');
        ol.append(li);
      }
      panel.append(ol);
    }
    if (v.actions?.length) {
      const row = el('div', 'actions');
      for (const a of v.actions) {
        const b = el('button', '', a.label) as HTMLButtonElement;
        b.type = 'button';
        b.addEventListener('click', a.onClick);
        row.append(b);
      }
      panel.append(row);
    }
    wrap.append(panel);
    this.root.append(wrap);
  }

  remove() {
    this.host.remove();
  }
}

function el(tag: string, className: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
