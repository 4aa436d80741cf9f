/**
 * The guided driver loop shared by the sign-in and Security info pages: watch the page, recognise the
 * view, act once per view, and when nothing is recognised or an action has no effect, stop automating
 * and tell the admin in words what to do (highlighting the element when there is one). Never stalls silently.
 */
import { t } from '../../shared/i18n';
import { msLabel } from './ms-labels';
import { send } from '../../shared/messaging';
import type { AppErrorData } from '../../shared/errors';
import type { GuidedContext, GuidedStepId } from '../../shared/protocol';
import { Overlay, type OverlayView } from '../overlay';
import { highlight } from './actions';
import { downloadReport, pageReport } from './page-report';

/** What a page module decides for the current view. */
export interface Decision {
  /** Stable key of the view instance: the same key is acted on once. */
  key: string;
  /** Plain words for the overlay (and the fallback). */
  say: string;
  /** The element a person would use; highlighted in guidance. */
  target?: HTMLElement | null;
  /** Performs the step; return false when it could not. */
  act?: () => Promise<boolean | void> | boolean | void;
  /** A step this view proves was reached. */
  reached?: GuidedStepId;
  /** A failure to report (ends the job). */
  fail?: AppErrorData;
  tone?: OverlayView['tone'];
  /** Extra overlay buttons (e.g. "Show pass"). */
  actions?: OverlayView['actions'];
}

const TICK_MS = 400;
/** Unknown or unchanged for this long after acting: fall back to guidance. */
export const STALL_MS = 12_000;

export class GuidedDriver {
  private overlay = new Overlay();
  private acted = new Map<string, number>();
  private lastChange = Date.now();
  private lastKey = '';
  private reported = new Set<GuidedStepId>();
  private stopped = false;
  private busy = false;
  private note = '';

  constructor(
    private ctx: GuidedContext,
    private decide: (ctx: GuidedContext) => Decision | null,
  ) {}

  start() {
    const observer = new MutationObserver(() => void this.tick());
    observer.observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    const timer = setInterval(() => void this.tick(), TICK_MS);
    window.addEventListener('pagehide', () => {
      observer.disconnect();
      clearInterval(timer);
    });
    void this.tick();
  }

  setNote(note: string) {
    this.note = note;
  }

  private async control(action: 'pause' | 'resume' | 'manual' | 'auto' | 'cancel') {
    const next = await send('guided.control', { jobId: this.ctx.jobId, action }).catch(() => null);
    if (!next) {
      this.stop(t('overlayJobStopped'));
      return;
    }
    this.ctx = next;
    this.lastChange = Date.now();
    this.acted.clear();
    void this.tick();
  }

  stop(message: string, tone: OverlayView['tone'] = 'info') {
    this.stopped = true;
    highlight(null);
    this.overlay.show({ title: t('extShortName'), user: this.who(), message, tone });
  }

  private who() {
    return `${this.ctx.user.displayName} · ${this.ctx.user.userPrincipalName}`;
  }

  /** A redacted structural snapshot of this page, saved by the admin for a bug report (docs/page-report.md). */
  private saveReport(d: Decision | null) {
    const u = this.ctx.user;
    downloadReport(
      pageReport(
        document,
        location.href,
        { identities: [u.displayName, u.userPrincipalName] },
        { stage: this.ctx.stage, view: d?.key.replace(/[:].*$/, '') ?? 'unknown' },
      ),
    );
  }

  private buttons(d: Decision | null, report = false): OverlayView['actions'] {
    const b: NonNullable<OverlayView['actions']> = [...(d?.actions ?? [])];
    if (report) b.push({ label: t('overlaySaveReport'), onClick: () => this.saveReport(d) });
    if (this.ctx.paused) b.push({ label: t('overlayResume'), onClick: () => void this.control('resume') });
    else b.push({ label: t('overlayPause'), onClick: () => void this.control('pause') });
    if (this.ctx.manual) b.push({ label: t('overlayAutomateAgain'), onClick: () => void this.control('auto') });
    else b.push({ label: t('overlayManualStep'), onClick: () => void this.control('manual') });
    b.push({ label: t('overlayCancelJob'), onClick: () => void this.control('cancel') });
    return b;
  }

  private show(d: Decision | null, message: string, tone?: OverlayView['tone'], report = false) {
    this.overlay.show({
      title: t('overlayGuidedTitle'),
      user: this.who(),
      message,
      note: this.note || undefined, // outside the live region: the pass is never announced
      tone: tone ?? d?.tone,
      steps: this.ctx.steps.map((s) => ({ label: s.label, state: s.state === 'skipped' ? 'done' : s.state })),
      actions: this.buttons(d, report),
    });
  }

  private async tick() {
    if (this.stopped || this.busy) return;
    this.busy = true;
    try {
      const d = this.decide(this.ctx);
      const key = d?.key ?? 'unknown';
      if (key !== this.lastKey) {
        this.lastKey = key;
        this.lastChange = Date.now();
        highlight(null);
      }
      if (d?.fail) {
        await send('guided.fail', { jobId: this.ctx.jobId, error: d.fail }).catch(() => undefined);
        this.stop(`${d.fail.message} ${d.fail.action ?? ''}`.trim(), 'error');
        return;
      }
      if (d?.reached && !this.reported.has(d.reached)) {
        this.reported.add(d.reached);
        const next = await send('guided.progress', { jobId: this.ctx.jobId, step: d.reached }).catch(() => null);
        if (!next) {
          this.stop(d.reached === 'verify' ? t('overlayDoneConfirming') : t('overlayJobEnded'), 'success');
          return;
        }
        this.ctx = next;
      }
      const stalled = Date.now() - this.lastChange > STALL_MS;
      if (this.ctx.paused) return this.show(d, d?.say ? t('overlayPausedStep', d.say) : t('overlayPaused'));
      if (!d || stalled || this.ctx.manual) {
        highlight(d?.target ?? null);
        const step = d?.say ?? fallbackFor(this.ctx.stage, this.ctx);
        return this.show(
          d,
          this.ctx.manual
            ? t('overlayYourTurn', step)
            : stalled
              ? t('overlayStalled', step)
              : t('overlayWaitingForPage', step),
          stalled || this.ctx.manual ? 'info' : undefined,
          !d || stalled,
        );
      }
      this.show(d, d.say);
      if (d.act && !this.acted.has(key)) {
        this.acted.set(key, Date.now());
        const ok = await d.act();
        if (ok === false) this.lastChange = 0; // could not act: straight to guidance
      }
    } finally {
      this.busy = false;
    }
  }
}

/** Words for each stage when the view is not recognised at all. */
export function fallbackFor(stage: GuidedStepId, ctx: GuidedContext): string {
  switch (stage) {
    case 'signin':
      return t('overlayFallbackSignIn', ctx.user.userPrincipalName, msLabel('StaySignedIn'), msLabel('No'));
    case 'add':
      return t(
        'overlayFallbackAdd',
        msLabel('SecurityInfo'),
        msLabel('AddSignInMethod'),
        msLabel('Passkey'),
        msLabel('SecurityKey'),
        msLabel('UsbDevice'),
        msLabel('Next'),
      );
    case 'key':
      return t('overlayFallbackKey', ctx.user.displayName);
    case 'name':
      return t('overlayFallbackName', ctx.passkeyName, msLabel('Next'), msLabel('Done'));
    default:
      return t('overlayFallbackOther');
  }
}
