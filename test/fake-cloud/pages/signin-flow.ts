/**
 * Plugs the guided-flow views into the authority's sign-in (reference §3.5, §3.6, §3.8, §4):
 *  - after the username: "Enter Temporary Access Pass" when the user is in the TAP policy and has a TAP
 *    (config.tapPropagationDelayMs: the password view until it has "propagated"), with "Use your password instead";
 *    the password view gets "Use your Temporary Access Pass instead";
 *  - TAP check through tenant.validateTap (a one-time pass is consumed), errors for wrong / expired / used passes;
 *  - for the My Sign-ins client: the "More information required" and Conditional Access interrupts (flags), and
 *    "Stay signed in?" per `pages.kmsi`;
 *  - logout ends the My Sign-ins sessions of the signed-out users;
 *  - locale, style and look of every sign-in view: `mkt=`/`lc=` on authorize override the configured language
 *    unless `look.langRequest` is `ignored` (`firstPage`: only the first page of the flow honours it);
 *  - the look's optional screens: the passkey-first screen after the username, the registration-campaign nudge
 *    after a TAP sign-in (both for the My Sign-ins client).
 */
import type { Authority, AuthFlow, SignInContext } from '../authority.ts';
import { redirect, type FakeResponse } from '../http.ts';
import type { FakeTenant, FakeUser } from '../tenant.ts';
import { effectiveLook, flowLang, resolvePagesConfig, type PagesConfig, type TapErrorKind } from './config.ts';
import { stringsFor, TAP_ERROR_CODE, tapErrorText } from './i18n.ts';
import { MY_SIGNINS_CLIENT_ID, MY_SIGNINS_ORIGIN, MY_SIGNINS_REDIRECT_URI } from './mysignins.ts';

/** amr of a TAP sign-in (invented: Entra's value is not documented); `mfa` makes it satisfy the MFA requirement. */
export const TAP_AMR = ['tap', 'mfa'];

/** Whether the TAP view appears for this user now. */
export function tapViewApplies(tenant: FakeTenant, cfg: PagesConfig, user: FakeUser): boolean {
  const tap = user.tap;
  if (!cfg.enabled || !tap) return false;
  if (tenant.now() < tap.createdMs + tenant.config.tapPropagationDelayMs) return false;
  const u = tenant.tapUsability(user, tap);
  if (u.isUsable) return true;
  if (u.methodUsabilityReason === 'DisabledByPolicy') return false;
  return cfg.tapView === 'present';
}

function isMySignIns(flow: AuthFlow): boolean {
  return flow.clientId.toLowerCase() === MY_SIGNINS_CLIENT_ID;
}

export function installSignInFlow(authority: Authority, tenant: FakeTenant): void {
  const cfg = () => resolvePagesConfig(tenant.config.pages);

  authority.registerClient({
    clientId: MY_SIGNINS_CLIENT_ID,
    name: 'My Signins',
    redirectUris: [MY_SIGNINS_REDIRECT_URI, `${MY_SIGNINS_ORIGIN}/`],
  });

  authority.ui = {
    viewOptions: (flow) => {
      const c = cfg();
      if (!c.enabled) return {};
      const look = effectiveLook(c);
      return { locale: flowLang(c, flow), style: look.signInStyle, texts: c.texts, look };
    },
    kmsi: (flow) => {
      const c = cfg();
      return c.enabled && isMySignIns(flow) ? effectiveLook(c).kmsi === 'on' : tenant.config.showKmsi;
    },
    tapLink: (_flow, user) => tapViewApplies(tenant, cfg(), user),
  };

  const renderTap = (ctx: SignInContext, kind?: TapErrorKind): FakeResponse => {
    const c = cfg();
    const s = stringsFor(flowLang(c, ctx.flow, false), c.texts);
    return authority.renderView(
      ctx.flow,
      'tap',
      {
        upn: ctx.user.userPrincipalName,
        tapInput: c.tapInput,
        error: kind ? tapErrorText(kind, s, c.tapErrors) : undefined,
      },
      kind ? { iErrorCode: TAP_ERROR_CODE[kind] } : {},
    );
  };

  authority.hooks.afterUsername.push((ctx) => {
    const c = cfg();
    if (!tapViewApplies(tenant, c, ctx.user)) return undefined;
    // A passkey-first screen (look.passkeyFirst) before the TAP: "Use your password instead" → password view with
    // "Use your Temporary Access Pass instead" → TAP view.
    if (isMySignIns(ctx.flow) && effectiveLook(c).passkeyFirst === 'on' && !ctx.flow.data.passkeyFirstShown) {
      ctx.flow.data.passkeyFirstShown = true;
      return authority.renderView(ctx.flow, 'passkeyFirst', { upn: ctx.user.userPrincipalName });
    }
    return renderTap(ctx);
  });

  authority.hooks.customView.push((ctx) => {
    const c = cfg();
    if (!c.enabled) return undefined;
    const { view, form, flow, user } = ctx;
    if (view === 'tap') {
      if (form.get('switchTo') === 'tap') return renderTap(ctx);
      const secret = (form.get('accesspass') ?? '').trim();
      if (!secret) return renderTap(ctx, 'empty');
      if (!user.accountEnabled) {
        const s = stringsFor(flowLang(c, flow, false), c.texts);
        return authority.renderView(
          flow,
          'tap',
          { upn: user.userPrincipalName, tapInput: c.tapInput, error: s.accountLocked },
          { iErrorCode: 50057 },
        );
      }
      const r = tenant.validateTap(user.userPrincipalName, secret, { consume: true });
      switch (r.result) {
        case 'ok':
          return ctx.finish(TAP_AMR);
        case 'not-found':
          return renderTap(ctx, 'wrong');
        case 'expired':
          return renderTap(ctx, 'expired');
        case 'used':
          return renderTap(ctx, 'used');
        case 'not-yet-valid':
          return renderTap(ctx, 'notYetValid');
        case 'blocked-by-policy':
          return renderTap(ctx, 'blocked');
      }
    }
    if (view === 'proofup') {
      // "Next" on "More information required" → the registration wizard on My Sign-ins.
      if (!flow.amr) return undefined;
      return redirect(`${MY_SIGNINS_ORIGIN}/register?csrf_token=${encodeURIComponent(flow.id)}`);
    }
    if (view === 'proofupdone') {
      if (!flow.amr) return undefined;
      flow.data.proofUpDone = true;
      return ctx.finish(flow.amr);
    }
    if (view === 'ca') return authority.renderView(flow, 'conditionalAccess', { upn: user.userPrincipalName });
    // The registration-campaign nudge: "Next" ends on the campaign's error screen (a passkey cannot be made
    // here), whose "Skip" — like "Skip for now" and "Other options" — finishes the sign-in.
    if (view === 'nudge' && flow.amr) return authority.renderView(flow, 'nudgeError', { upn: user.userPrincipalName });
    if ((view === 'nudgeSkip' || view === 'nudgeOther') && flow.amr) {
      flow.data.nudgeDone = view;
      return ctx.finish(flow.amr);
    }
    return undefined;
  });

  authority.hooks.afterCredentials.push((ctx) => {
    const c = cfg();
    if (!c.enabled || !isMySignIns(ctx.flow)) return undefined;
    if (c.conditionalAccess)
      return authority.renderView(ctx.flow, 'conditionalAccess', { upn: ctx.user.userPrincipalName });
    const look = effectiveLook(c);
    if (look.proofUp === 'on' && !ctx.flow.data.proofUpDone) {
      ctx.flow.data.proofUpShown = true;
      return authority.renderView(ctx.flow, 'proofUp', { upn: ctx.user.userPrincipalName });
    }
    // The Sept 2026 campaign nudges after any MFA sign-in, a TAP included (reference §10.5).
    if (look.nudge === 'on' && ctx.amr.includes('mfa') && !ctx.flow.data.nudgeDone) {
      ctx.flow.data.nudgeShown = true;
      return authority.renderView(ctx.flow, 'nudge', { upn: ctx.user.userPrincipalName });
    }
    return undefined;
  });

  // No onLogout hook: signing out of the login host does not end My Sign-ins' own session (each app keeps its own;
  // a real browser often blocks the cross-site front-channel sign-out that would reach it).
}
