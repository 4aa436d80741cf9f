/**
 * /users/{id}/authentication/…: methods list, passkeys (fido2Methods, creationOptions, registration
 * verified with @simplewebauthn/server) and Temporary Access Passes. Modelled on entra-graph-api.md §2–§5.
 */
import { createHash, randomBytes } from 'node:crypto';
import { decodeCBOR } from '@levischuck/tiny-cbor';
import { verifyRegistrationResponse } from '@simplewebauthn/server';
import { b64url, bodyJson, fromB64url, isoSeconds, randomGuid } from './http.ts';
import type { FakeResponse } from './http.ts';
import { passkeyRefusal } from './policies.ts';
import { gerr, GRAPH_BASE, needMethodRole, needScope, ok, SCOPES, type GraphCtx } from './graph-common.ts';
import {
  modelForAaguid,
  PASSWORD_METHOD_ID,
  ZERO_AAGUID,
  type FakeUser,
  type StoredFido2Method,
  type StoredTap,
} from './tenant.ts';

const FIDO2_TYPE = '#microsoft.graph.fido2AuthenticationMethod';
const TAP_TYPE = '#microsoft.graph.temporaryAccessPassAuthenticationMethod';
const PASSWORD_TYPE = '#microsoft.graph.passwordAuthenticationMethod';

export function fido2Json(m: StoredFido2Method, version: string, withType = true): Record<string, unknown> {
  return {
    ...(withType ? { '@odata.type': FIDO2_TYPE } : {}),
    id: m.id,
    displayName: m.displayName,
    createdDateTime: m.createdDateTime,
    ...(version === 'beta' ? { lastUsedDateTime: m.lastUsedDateTime } : {}),
    aaGuid: m.aaGuid,
    model: m.model,
    attestationCertificates: [...m.attestationCertificates],
    attestationLevel: m.attestationLevel,
    passkeyType: m.passkeyType,
  };
}

export function tapJson(
  ctx: GraphCtx,
  user: FakeUser,
  t: StoredTap,
  withSecret: boolean,
  withType = true,
): Record<string, unknown> {
  const u = ctx.tenant.tapUsability(user, t);
  return {
    ...(withType ? { '@odata.type': TAP_TYPE } : {}),
    id: t.id,
    temporaryAccessPass: withSecret ? t.secret : null,
    createdDateTime: isoSeconds(t.createdMs),
    startDateTime: isoSeconds(t.startMs),
    lifetimeInMinutes: t.lifetimeInMinutes,
    isUsableOnce: t.isUsableOnce,
    isUsable: u.isUsable,
    methodUsabilityReason: u.methodUsabilityReason,
  };
}

function passwordJson(user: FakeUser): Record<string, unknown> {
  return {
    '@odata.type': PASSWORD_TYPE,
    id: PASSWORD_METHOD_ID,
    password: null,
    createdDateTime: user.createdDateTime,
  };
}

function usersCtx(ctx: GraphCtx, user: FakeUser, tail: string, entity = false): string {
  return `${GRAPH_BASE}/${ctx.version}/$metadata#users('${encodeURIComponent(user.id)}')/authentication/${tail}${entity ? '/$entity' : ''}`;
}

function isSelf(ctx: GraphCtx, target: FakeUser): boolean {
  return ctx.caller.user.id === target.id;
}

const NOT_SUPPORTED_FOR_URL = 'The method is not supported for this URL.';

// ---------------------------------------------------------------------------------------------
// Methods (all types)

export function listMethods(ctx: GraphCtx, target: FakeUser): FakeResponse {
  const denied =
    needScope(ctx, isSelf(ctx, target) ? SCOPES.readMethodsSelf : SCOPES.readMethods) ??
    needMethodRole(ctx, target, 'read');
  if (denied) return denied;
  const value: Record<string, unknown>[] = [passwordJson(target)];
  for (const m of target.fido2Methods) value.push(fido2Json(m, ctx.version));
  if (target.tap) value.push(tapJson(ctx, target, target.tap, false));
  return ok({ '@odata.context': usersCtx(ctx, target, 'methods'), value });
}

export function getMethod(ctx: GraphCtx, target: FakeUser, id: string): FakeResponse {
  const denied =
    needScope(ctx, isSelf(ctx, target) ? SCOPES.readMethodsSelf : SCOPES.readMethods) ??
    needMethodRole(ctx, target, 'read');
  if (denied) return denied;
  if (id === PASSWORD_METHOD_ID)
    return ok({ '@odata.context': usersCtx(ctx, target, 'methods', true), ...passwordJson(target) });
  const m = target.fido2Methods.find((x) => x.id === id);
  if (m) return ok({ '@odata.context': usersCtx(ctx, target, 'methods', true), ...fido2Json(m, ctx.version) });
  if (target.tap?.id === id)
    return ok({ '@odata.context': usersCtx(ctx, target, 'methods', true), ...tapJson(ctx, target, target.tap, false) });
  return notFound(ctx);
}

function notFound(ctx: GraphCtx): FakeResponse {
  return gerr(ctx, 404, 'itemNotFound', 'The requested authentication method could not be found.');
}

// ---------------------------------------------------------------------------------------------
// Passkeys

export function listFido2(ctx: GraphCtx, target: FakeUser): FakeResponse {
  const denied =
    needScope(ctx, isSelf(ctx, target) ? [...SCOPES.readPasskeys, ...SCOPES.readMethodsSelf] : SCOPES.readPasskeys) ??
    needMethodRole(ctx, target, 'read');
  if (denied) return denied;
  return ok({
    '@odata.context': usersCtx(ctx, target, 'fido2Methods'),
    value: target.fido2Methods.map((m) => fido2Json(m, ctx.version, false)),
  });
}

export function getFido2(ctx: GraphCtx, target: FakeUser, id: string): FakeResponse {
  const denied =
    needScope(ctx, isSelf(ctx, target) ? [...SCOPES.readPasskeys, ...SCOPES.readMethodsSelf] : SCOPES.readPasskeys) ??
    needMethodRole(ctx, target, 'read');
  if (denied) return denied;
  const m = target.fido2Methods.find((x) => x.id === id);
  if (!m) return notFound(ctx);
  return ok({ '@odata.context': usersCtx(ctx, target, 'fido2Methods', true), ...fido2Json(m, ctx.version, false) });
}

export function deleteFido2(ctx: GraphCtx, target: FakeUser, id: string): FakeResponse {
  const denied = needScope(ctx, SCOPES.writePasskeys) ?? needMethodRole(ctx, target, 'write');
  if (denied) return denied;
  const i = target.fido2Methods.findIndex((x) => x.id === id);
  if (i < 0) return notFound(ctx);
  target.fido2Methods.splice(i, 1);
  return { status: 204, headers: {}, body: undefined };
}

/** Passkey policy gate shared by creationOptions and registration. */
function passkeyGate(ctx: GraphCtx, target: FakeUser): FakeResponse | undefined {
  const cfg = ctx.tenant.config;
  if (ctx.tenant.isGuest(target))
    return gerr(ctx, cfg.passkeyGuestError.status, cfg.passkeyGuestError.code, cfg.passkeyGuestError.message);
  const p = ctx.tenant.policies.fido2;
  if (p.state !== 'enabled' || !p.isSelfServiceRegistrationAllowed || !ctx.tenant.fido2Targeted(target))
    return gerr(ctx, cfg.passkeyPolicyError.status, cfg.passkeyPolicyError.code, cfg.passkeyPolicyError.message);
  return undefined;
}

function encodeCredentialId(idB64url: string, how: 'base64url' | 'suffix' | 'base64'): string {
  const bytes = fromB64url(idB64url);
  if (how === 'base64') return bytes.toString('base64');
  if (how === 'suffix') {
    const std = bytes.toString('base64');
    const pad = std.length - std.replace(/=+$/, '').length;
    return std.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_') + String(pad);
  }
  return bytes.toString('base64url');
}

function newChallenge(format: 'random' | 'jwe'): string {
  if (format === 'random') return b64url(randomBytes(32));
  // An opaque ASCII JWE compact string, as beta returns (~5 KB): header.encryptedKey.iv.ciphertext.tag
  const header = b64url(
    JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256GCM', x5c: [randomBytes(900).toString('base64')] }),
  );
  const jwe = [
    header,
    b64url(randomBytes(256)),
    b64url(randomBytes(12)),
    b64url(randomBytes(2300)),
    b64url(randomBytes(16)),
  ].join('.');
  return b64url(jwe);
}

/**
 * GET …/fido2Methods/creationOptions (v1.0, 5 minutes) and beta …/creationOptions(challengeTimeoutInMinutes=N).
 * `viaQueryString` = the beta `?challengeTimeoutInMinutes=` form.
 */
export function creationOptions(
  ctx: GraphCtx,
  target: FakeUser,
  timeoutMinutes: number | undefined,
  viaQueryString: boolean,
): FakeResponse {
  const cfg = ctx.tenant.config;
  if (viaQueryString && cfg.queryStringCreationOptions405)
    return gerr(ctx, 405, 'methodNotAllowed', NOT_SUPPORTED_FOR_URL);
  const denied = needScope(ctx, ctx.version === 'beta' ? SCOPES.creationOptionsBeta : SCOPES.writePasskeys);
  if (denied) return denied;
  if (isSelf(ctx, target)) return gerr(ctx, 405, 'methodNotAllowed', NOT_SUPPORTED_FOR_URL);
  const roleDenied = needMethodRole(ctx, target, 'write');
  if (roleDenied) return roleDenied;
  const gate = passkeyGate(ctx, target);
  if (gate) return gate;
  let minutes = 5;
  if (timeoutMinutes !== undefined) {
    if (!Number.isInteger(timeoutMinutes) || timeoutMinutes < 5 || timeoutMinutes > 43200)
      return gerr(
        ctx,
        400,
        'badRequest',
        `Invalid challengeTimeoutInMinutes specified: '${timeoutMinutes}'. The value must be between 5 and 43200.`,
      );
    minutes = timeoutMinutes;
  }
  const now = ctx.tenant.now();
  const challenge = newChallenge(cfg.challengeFormat);
  const expiresMs = now + minutes * 60_000;
  ctx.tenant.challenges.set(challenge, { challenge, userId: target.id, issuedMs: now, expiresMs, used: false });
  const options = {
    challengeTimeoutDateTime: isoSeconds(expiresMs),
    publicKey: {
      rp: { id: cfg.rpId, name: cfg.rpName },
      user: { id: target.userHandle, name: target.userPrincipalName, displayName: target.displayName },
      challenge,
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      timeout: cfg.creationOptionsTimeout,
      excludeCredentials: target.fido2Methods.map((m) => ({
        id: encodeCredentialId(m.credentialId, cfg.excludeEncoding),
        type: 'public-key',
        transports: m.transports.length ? [...m.transports] : ['usb', 'nfc'],
      })),
      authenticatorSelection: {
        authenticatorAttachment: 'cross-platform',
        requireResidentKey: true,
        userVerification: 'required',
      },
      attestation: 'direct',
      extensions: {
        hmacCreateSecret: true,
        enforceCredentialProtectionPolicy: true,
        credentialProtectionPolicy: 'userVerificationOptional',
      },
    },
  };
  const context = `${GRAPH_BASE}/${ctx.version}/$metadata#microsoft.graph.webauthnCredentialCreationOptions`;
  return ok(
    cfg.wrapInValue ? { '@odata.context': context, value: options } : { '@odata.context': context, ...options },
  );
}

function hasODataType(v: unknown, depth = 0): boolean {
  if (!v || typeof v !== 'object' || depth > 3) return false;
  return Object.entries(v as Record<string, unknown>).some(
    ([k, x]) => k.startsWith('@odata.type') || hasODataType(x, depth + 1),
  );
}

function normB64url(s: string): string {
  return s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

interface RegistrationBody {
  displayName?: unknown;
  publicKeyCredential?: {
    id?: unknown;
    response?: { clientDataJSON?: unknown; attestationObject?: unknown };
    clientExtensionResults?: unknown;
  };
}

/** POST …/fido2Methods */
export async function registerFido2(ctx: GraphCtx, target: FakeUser): Promise<FakeResponse> {
  const cfg = ctx.tenant.config;
  const denied = needScope(ctx, SCOPES.writePasskeys);
  if (denied) return denied;
  if (isSelf(ctx, target)) return gerr(ctx, 405, 'methodNotAllowed', NOT_SUPPORTED_FOR_URL);
  const roleDenied = needMethodRole(ctx, target, 'write');
  if (roleDenied) return roleDenied;

  let body: RegistrationBody;
  try {
    body = (bodyJson(ctx.req) ?? {}) as RegistrationBody;
  } catch {
    return gerr(
      ctx,
      400,
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
  }
  if (cfg.rejectODataType && hasODataType(body))
    return gerr(ctx, 400, 'badRequest', 'request is missing a fido2AuthenticationMethod entity');
  const pkc = body.publicKeyCredential;
  if (
    !pkc ||
    typeof pkc !== 'object' ||
    typeof pkc.id !== 'string' ||
    typeof pkc.response?.clientDataJSON !== 'string' ||
    typeof pkc.response?.attestationObject !== 'string'
  )
    return gerr(ctx, 400, 'badRequest', 'request is missing a fido2AuthenticationMethod entity');

  const gate = passkeyGate(ctx, target);
  if (gate) return gate;
  if (body.displayName !== undefined && body.displayName !== null && typeof body.displayName !== 'string')
    return gerr(ctx, 400, 'BadRequest', "Cannot convert the literal to the expected type 'Edm.String'.");
  const displayName = typeof body.displayName === 'string' ? body.displayName : undefined;
  if (displayName !== undefined && cfg.maxDisplayNameLength > 0 && displayName.length > cfg.maxDisplayNameLength)
    return gerr(
      ctx,
      400,
      'badRequest',
      `The displayName of a passkey must not exceed ${cfg.maxDisplayNameLength} characters.`,
    );
  if (target.fido2Methods.length >= cfg.maxPasskeysPerUser)
    return gerr(
      ctx,
      400,
      'badRequest',
      `The user already has the maximum number of passkeys (${cfg.maxPasskeysPerUser}). Delete an existing passkey before registering a new one.`,
    );

  const id = normB64url(pkc.id);
  const clientDataJSON = normB64url(pkc.response.clientDataJSON as string);
  const attestationObject = normB64url(pkc.response.attestationObject as string);
  let clientData: { challenge?: string };
  try {
    clientData = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: string };
  } catch {
    return gerr(ctx, 400, 'badRequest', 'The clientDataJSON of the publicKeyCredential could not be parsed.');
  }
  const rec = clientData.challenge ? ctx.tenant.challenges.get(clientData.challenge) : undefined;
  if (!rec)
    return gerr(
      ctx,
      400,
      'badRequest',
      'The challenge in clientDataJSON is invalid or was not issued by this service.',
    );
  if (rec.userId !== target.id)
    return gerr(ctx, 400, 'badRequest', 'The challenge in clientDataJSON was issued for a different user.');
  if (ctx.tenant.now() > rec.expiresMs)
    return gerr(
      ctx,
      400,
      'badRequest',
      'The challenge has expired. Request new creation options and create the credential again.',
    );
  if (rec.used) return gerr(ctx, 400, 'badRequest', 'The challenge has already been used to register a passkey.');

  let info;
  try {
    const v = await verifyRegistrationResponse({
      response: {
        id,
        rawId: id,
        type: 'public-key',
        response: { clientDataJSON, attestationObject },
        clientExtensionResults: (pkc.clientExtensionResults ?? {}) as Record<string, unknown>,
      },
      expectedChallenge: rec.challenge,
      expectedOrigin: `https://${cfg.rpId}`,
      expectedRPID: cfg.rpId,
      requireUserVerification: true,
    });
    if (!v.verified)
      return gerr(ctx, 400, 'badRequest', 'The attestation of the publicKeyCredential could not be verified.');
    info = v.registrationInfo;
  } catch (e) {
    return gerr(ctx, 400, 'badRequest', `The publicKeyCredential could not be verified: ${(e as Error).message}`);
  }
  if (info.credential.id !== id)
    return gerr(
      ctx,
      400,
      'badRequest',
      'The publicKeyCredential id does not match the credential id in the attestation.',
    );

  const aaguid = info.aaguid.toLowerCase();
  const unattested = info.fmt === 'none' || aaguid === ZERO_AAGUID;
  // Like Entra: the user's passkey profiles (or, without profiles, the policy's top-level settings) decide.
  const refusal = passkeyRefusal(
    ctx.tenant.policies.fido2,
    (t) => t.toLowerCase() === target.id || ctx.tenant.isMember(target, t),
    aaguid,
    info.fmt,
  );
  if (refusal) return gerr(ctx, 400, 'badRequest', refusal);
  if (ctx.tenant.users.some((u) => u.fido2Methods.some((m) => m.credentialId === id)))
    return gerr(ctx, 409, 'conflict', 'A passkey with this credential id is already registered.');

  const certs = attestationThumbprints(info.attestationObject);
  const model = modelForAaguid(aaguid);
  const method: StoredFido2Method = {
    id: ctx.tenant.newMethodId(),
    displayName: displayName ?? model ?? 'Passkey',
    createdDateTime: isoSeconds(ctx.tenant.now()),
    lastUsedDateTime: null,
    aaGuid: aaguid,
    model,
    attestationCertificates: certs,
    attestationLevel: unattested ? 'notAttested' : 'attested',
    passkeyType: info.credentialDeviceType === 'multiDevice' ? 'synced' : 'deviceBound',
    credentialId: id,
    publicKey: b64url(info.credential.publicKey),
    counter: info.credential.counter,
    transports: ['usb', 'nfc'],
  };
  target.fido2Methods.push(method);
  if (cfg.consumeChallenges) rec.used = true;
  return ok({ '@odata.context': usersCtx(ctx, target, 'fido2Methods', true), ...fido2Json(method, ctx.version) }, 201, {
    location: `${GRAPH_BASE}/${ctx.version}/users/${target.id}/authentication/fido2Methods/${encodeURIComponent(method.id)}`,
  });
}

// ---------------------------------------------------------------------------------------------
// Temporary Access Pass

export function listTap(ctx: GraphCtx, target: FakeUser): FakeResponse {
  const denied =
    needScope(ctx, isSelf(ctx, target) ? [...SCOPES.readTap, ...SCOPES.readMethodsSelf] : SCOPES.readTap) ??
    needMethodRole(ctx, target, 'read');
  if (denied) return denied;
  return ok({
    '@odata.context': usersCtx(ctx, target, 'temporaryAccessPassMethods'),
    value: target.tap ? [tapJson(ctx, target, target.tap, false, false)] : [],
  });
}

export function getTap(ctx: GraphCtx, target: FakeUser, id: string): FakeResponse {
  const denied =
    needScope(ctx, isSelf(ctx, target) ? [...SCOPES.readTap, ...SCOPES.readMethodsSelf] : SCOPES.readTap) ??
    needMethodRole(ctx, target, 'read');
  if (denied) return denied;
  if (!target.tap || target.tap.id !== id) return notFound(ctx);
  return ok({
    '@odata.context': usersCtx(ctx, target, 'temporaryAccessPassMethods', true),
    ...tapJson(ctx, target, target.tap, false, false),
  });
}

export function deleteTap(ctx: GraphCtx, target: FakeUser, id: string): FakeResponse {
  const denied = needScope(ctx, SCOPES.writeTap) ?? needMethodRole(ctx, target, 'write');
  if (denied) return denied;
  if (!target.tap || target.tap.id !== id) return notFound(ctx);
  target.tap = null;
  return { status: 204, headers: {}, body: undefined };
}

export function createTap(ctx: GraphCtx, target: FakeUser): FakeResponse {
  const cfg = ctx.tenant.config;
  const denied = needScope(ctx, SCOPES.writeTap);
  if (denied) return denied;
  if (isSelf(ctx, target)) return gerr(ctx, cfg.selfTapError.status, cfg.selfTapError.code, cfg.selfTapError.message);
  const roleDenied = needMethodRole(ctx, target, 'write');
  if (roleDenied) return roleDenied;
  let body: { isUsableOnce?: unknown; lifetimeInMinutes?: unknown; startDateTime?: unknown };
  try {
    body = (bodyJson(ctx.req) ?? {}) as typeof body;
  } catch {
    return gerr(
      ctx,
      400,
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
  }
  if (ctx.tenant.isGuest(target))
    return gerr(ctx, 400, 'badRequest', 'Temporary Access Pass cannot be added to an external guest user.');
  const p = ctx.tenant.policies.temporaryAccessPass;
  if (p.state !== 'enabled' || !ctx.tenant.tapTargeted(target))
    return gerr(
      ctx,
      400,
      'badRequest',
      'Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].',
    );
  let lifetime = p.defaultLifetimeInMinutes;
  if (body.lifetimeInMinutes !== undefined && body.lifetimeInMinutes !== null) {
    const l = Number(body.lifetimeInMinutes);
    if (!Number.isInteger(l) || l < p.minimumLifetimeInMinutes || l > p.maximumLifetimeInMinutes)
      return gerr(
        ctx,
        400,
        'badRequest',
        `Invalid LifetimeInMinutes specified. The valid range between ${p.minimumLifetimeInMinutes} and ${p.maximumLifetimeInMinutes}.`,
      );
    lifetime = l;
  }
  let once = p.isUsableOnce;
  if (typeof body.isUsableOnce === 'boolean') {
    if (p.isUsableOnce && !body.isUsableOnce)
      return gerr(ctx, cfg.multiUseTapError.status, cfg.multiUseTapError.code, cfg.multiUseTapError.message);
    once = body.isUsableOnce;
  }
  const now = ctx.tenant.now();
  let start = now;
  if (body.startDateTime !== undefined && body.startDateTime !== null) {
    const s = typeof body.startDateTime === 'string' ? Date.parse(body.startDateTime) : NaN;
    if (Number.isNaN(s)) return gerr(ctx, 400, 'badRequest', 'Invalid StartDateTime specified.');
    start = s;
  }
  const tap: StoredTap = {
    id: randomGuid(),
    secret: ctx.tenant.newTapSecret(p.defaultLength),
    createdMs: now,
    startMs: start,
    lifetimeInMinutes: lifetime,
    isUsableOnce: once,
    used: false,
  };
  target.tap = tap;
  return ok(
    {
      '@odata.context': usersCtx(ctx, target, 'temporaryAccessPassMethods', true),
      ...tapJson(ctx, target, tap, true, false),
    },
    201,
    { location: `${GRAPH_BASE}/${ctx.version}/users/${target.id}/authentication/temporaryAccessPassMethods/${tap.id}` },
  );
}

export function listPasswordMethods(ctx: GraphCtx, target: FakeUser): FakeResponse {
  const denied =
    needScope(ctx, isSelf(ctx, target) ? SCOPES.readMethodsSelf : SCOPES.readMethods) ??
    needMethodRole(ctx, target, 'read');
  if (denied) return denied;
  const { '@odata.type': _t, ...pw } = passwordJson(target);
  return ok({ '@odata.context': usersCtx(ctx, target, 'passwordMethods'), value: [pw] });
}

/** SHA-1 thumbprints of the attestation certificates (Graph's `attestationCertificates`); [] when none or unreadable. */
export function attestationThumbprints(attestationObject: Uint8Array | string): string[] {
  try {
    const att = decodeCBOR(new Uint8Array(Buffer.from(attestationObject as Uint8Array))) as Map<string, unknown>;
    const attStmt = att.get('attStmt') as Map<string, unknown> | undefined;
    const x5c = (attStmt?.get('x5c') as Uint8Array[] | undefined) ?? [];
    return x5c.map((c) => createHash('sha1').update(c).digest('hex'));
  } catch {
    return [];
  }
}
