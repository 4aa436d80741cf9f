/** What a failed navigator.credentials.create() means for the admin. Pure: unit-tested. */
import type { AppErrorData } from '../../shared/errors';

export function mapWebAuthnError(
  name: string,
  message: string,
  userName: string,
  previousKeyOwner?: string,
): AppErrorData {
  const code = `webauthn:${name}`;
  switch (name) {
    case 'NotAllowedError':
      return {
        code,
        message: 'The key did not answer: the prompt was cancelled or timed out.',
        reason: message || undefined,
        action: `Insert the key for ${userName}, click "Provision passkey" again and touch the key when it blinks. If a PIN is asked, enter or set it.`,
      };
    case 'InvalidStateError':
      if (previousKeyOwner)
        return {
          code: 'key-reused',
          message: `This key already holds the passkey of ${previousKeyOwner} — insert a new key.`,
          reason:
            'The key recognised a passkey created earlier in this run, so it was not given a second user’s passkey.',
          action: `Take that key out, insert a new key for ${userName}, then click Resume.`,
        };
      return {
        code,
        message: `This key already holds a passkey for ${userName}.`,
        reason: 'The key recognised one of the credentials Microsoft listed as already registered.',
        action: 'Insert a different key, or delete the old passkey from the user first.',
      };
    case 'NotSupportedError':
      return {
        code,
        message: 'This key cannot create the kind of passkey Microsoft asks for.',
        reason: message || undefined,
        action: 'Use a FIDO2 security key that supports resident keys (discoverable credentials) and a PIN.',
      };
    case 'SecurityError':
      return {
        code,
        message: 'The browser refused to create a passkey on this page.',
        reason: message || undefined,
        action: 'Close the Microsoft tab and try again; do not navigate away while the key is asked for.',
      };
    case 'AbortError':
      return { code, message: 'The key prompt was closed.', reason: message || undefined, action: 'Try again.' };
    case 'ConstraintError':
      return {
        code,
        message: 'The key cannot verify the user (no PIN or biometrics set up).',
        reason: message || undefined,
        action: 'Set a PIN on the key when the browser asks, or use a key with a PIN.',
      };
    default:
      return {
        code,
        message: 'The key could not create a passkey.',
        reason: `${name}: ${message}`,
        action: 'Try again. If it keeps failing, try another key or reset this one.',
      };
  }
}
