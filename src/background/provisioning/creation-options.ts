/**
 * Graph's webauthnCredentialCreationOptions → what navigator.credentials.create() accepts (as JSON for
 * PublicKeyCredential.parseCreationOptionsFromJSON). Deliberate mapping, not pass-through: Chromium rejects
 * some of Graph's values as they are. Pure: unit-tested.
 */
import { canonicalBase64url, decodeCandidates, toBase64url } from '../../shared/webauthn/base64';
import { t } from '../../shared/i18n';

export const DEFAULT_TIMEOUT_MS = 120_000;

export interface GraphCreationOptions {
  challengeTimeoutDateTime?: string;
  publicKey: {
    rp: { id: string; name?: string };
    user: { id: string; name: string; displayName: string };
    challenge: string;
    pubKeyCredParams?: { type: string; alg: number }[];
    timeout?: number;
    excludeCredentials?: { id: string; type?: string; transports?: string[] }[];
    authenticatorSelection?: {
      authenticatorAttachment?: string;
      requireResidentKey?: boolean;
      residentKey?: string;
      userVerification?: string;
    };
    attestation?: string;
    extensions?: Record<string, unknown>;
  };
}

export interface CreationOptionsJSON {
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  challenge: string;
  pubKeyCredParams: { type: 'public-key'; alg: number }[];
  timeout: number;
  excludeCredentials: { id: string; type: 'public-key'; transports?: string[] }[];
  authenticatorSelection: {
    authenticatorAttachment?: string;
    requireResidentKey: boolean;
    residentKey: string;
    userVerification: string;
  };
  attestation: string;
  extensions: Record<string, unknown>;
}

/** Accepts the documented top-level object and the `{ value: … }` wrapper of some doc examples. */
export function unwrapCreationOptions(body: unknown): GraphCreationOptions {
  const o = (body as { value?: unknown })?.value ?? body;
  const pk = (o as GraphCreationOptions | undefined)?.publicKey;
  if (!pk?.rp?.id || !pk.challenge || !pk.user?.id) throw new Error(t('errCreationOptionsIncomplete'));
  return o as GraphCreationOptions;
}

export function toCreationOptionsJSON(g: GraphCreationOptions, extraExclude: string[] = []): CreationOptionsJSON {
  const pk = g.publicKey;
  const exclude = new Map<string, { id: string; type: 'public-key'; transports?: string[] }>();
  for (const c of pk.excludeCredentials ?? [])
    for (const bytes of decodeCandidates(c.id)) {
      const id = toBase64url(bytes);
      exclude.set(id, { id, type: 'public-key', ...(c.transports?.length ? { transports: c.transports } : {}) });
    }
  for (const id of extraExclude) exclude.set(id, { id, type: 'public-key' });

  const extensions: Record<string, unknown> = {};
  const ext = pk.extensions ?? {};
  if (ext.hmacCreateSecret === true) extensions.hmacCreateSecret = true;
  if (typeof ext.credentialProtectionPolicy === 'string') {
    extensions.credentialProtectionPolicy = ext.credentialProtectionPolicy;
    // Chromium throws NotSupportedError for enforce + level 1; level 1 is the authenticator default anyway.
    if (ext.enforceCredentialProtectionPolicy === true && ext.credentialProtectionPolicy !== 'userVerificationOptional')
      extensions.enforceCredentialProtectionPolicy = true;
  }
  if (ext.credProps === true) extensions.credProps = true;

  const sel = pk.authenticatorSelection ?? {};
  const params = (pk.pubKeyCredParams ?? []).filter((p) => p.type === 'public-key' && Number.isInteger(p.alg));
  return {
    rp: { id: pk.rp.id, name: pk.rp.name || 'Microsoft' },
    user: { id: canonicalBase64url(pk.user.id), name: pk.user.name, displayName: pk.user.displayName || pk.user.name },
    challenge: canonicalBase64url(pk.challenge),
    pubKeyCredParams: (params.length
      ? params
      : [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -257 },
        ]
    ).map((p) => ({ type: 'public-key' as const, alg: p.alg })),
    // 0 or missing would make create() fail at once.
    timeout: pk.timeout && pk.timeout > 0 ? Math.max(pk.timeout, 60_000) : DEFAULT_TIMEOUT_MS,
    excludeCredentials: [...exclude.values()],
    authenticatorSelection: {
      ...(sel.authenticatorAttachment ? { authenticatorAttachment: sel.authenticatorAttachment } : {}),
      requireResidentKey: true,
      residentKey: 'required',
      userVerification: sel.userVerification || 'required',
    },
    attestation: pk.attestation || 'direct',
    extensions,
  };
}

/** The browser's credential.toJSON() trimmed to the fido2AuthenticationMethod schema (extra fields get rejected). */
export interface RegistrationJSON {
  id: string;
  rawId?: string;
  type?: string;
  response: { clientDataJSON: string; attestationObject: string; transports?: string[] };
  clientExtensionResults?: Record<string, unknown>;
  authenticatorAttachment?: string | null;
}

export function toPostBody(displayName: string, cred: RegistrationJSON) {
  return {
    displayName,
    publicKeyCredential: {
      id: canonicalBase64url(cred.id),
      response: {
        clientDataJSON: canonicalBase64url(cred.response.clientDataJSON),
        attestationObject: canonicalBase64url(cred.response.attestationObject),
      },
      clientExtensionResults: cred.clientExtensionResults ?? {},
    },
  };
}

export function isRegistrationJSON(v: unknown): v is RegistrationJSON {
  const c = v as RegistrationJSON;
  return (
    typeof c?.id === 'string' &&
    typeof c.response?.clientDataJSON === 'string' &&
    typeof c.response?.attestationObject === 'string'
  );
}
