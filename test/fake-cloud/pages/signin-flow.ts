/**
 * Plugs the guided-flow views into the authority's sign-in (reference §3.5, §3.6, §3.8, §4):
 *  - after the username: "Enter Temporary Access Pass" when the user is in the TAP policy and has a TAP
 *    (config.tapPropagationDelayMs: the password view until it has "propagated"), with "Use your password instead";
 *    the password view gets "Use your Temporary Access Pass instead";
 *  - TAP check through tenant.validateTap (a one-time pass is consumed), errors for wrong / expired / used passes;
 *  - for the My Sign-ins client: the "More information required" and Conditional Access interrupts (flags), and
 *    "Stay signed in?" per `pages.kmsi`;
 *  - logout ends the My Sign-ins sessions of the signed-out users;
 *  - locale and style of every sign-in view.
 */
import type { Authority, AuthFlow, SignInContext } from '../authority.ts';
import { redirect, type FakeResponse } from '../http.ts';
import type { FakeTenant, FakeUser } from '../tenant.ts';
import { resolvePagesConfig, type PagesConfig, type TapErrorKind } from './config.ts';
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
    viewOptions: () => {
      const c = cfg();
      return c.enabled ? { locale: c.locale, style: c.signInStyle, texts: c.texts } : {};
    },
    kmsi: (flow) => {
      const c = cfg();
      return c.enabled && isMySignIns(flow) ? c.kmsi : tenant.config.showKmsi;
    },
    tapLink: (_flow, user) => tapViewApplies(tenant, cfg(), user),
  };

  const renderTap = (ctx: SignInContext, kind?: TapErrorKind): FakeResponse => {
    const c = cfg();
    const s = stringsFor(c.locale, c.texts);
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

  authority.hooks.afterUsername.push((ctx) => (tapViewApplies(tenant, cfg(), ctx.user) ? renderTap(ctx) : undefined));

  authority.hooks.customView.push((ctx) => {
    const c = cfg();
    if (!c.enabled) return undefined;
    const { view, form, flow, user } = ctx;
    if (view === 'tap') {
      if (form.get('switchTo') === 'tap') return renderTap(ctx);
      const secret = (form.get('accesspass') ?? '').trim();
      if (!secret) return renderTap(ctx, 'empty');
      if (!user.accountEnabled) {
        const s = stringsFor(c.locale, c.texts);
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
    return undefined;
  });

  authority.hooks.afterCredentials.push((ctx) => {
    const c = cfg();
    if (!c.enabled || !isMySignIns(ctx.flow)) return undefined;
    if (c.conditionalAccess)
      return authority.renderView(ctx.flow, 'conditionalAccess', { upn: ctx.user.userPrincipalName });
    if (c.proofUpInterrupt && !ctx.flow.data.proofUpDone) {
      ctx.flow.data.proofUpShown = true;
      return authority.renderView(ctx.flow, 'proofUp', { upn: ctx.user.userPrincipalName });
    }
    return undefined;
  });

  // No onLogout hook: signing out of the login host does not end My Sign-ins' own session (each app keeps its own;
  // a real browser often blocks the cross-site front-channel sign-out that would reach it).
}
