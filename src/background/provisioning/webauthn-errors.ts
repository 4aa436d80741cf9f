/** What a failed navigator.credentials.create() means for the admin. Pure: unit-tested. */
import type { AppErrorData } from '../../shared/errors';
import { t } from '../../shared/i18n';

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
        message: t('errKeyNoAnswer'),
        reason: message || undefined,
        action: t('errKeyNoAnswerAction', userName),
      };
    case 'InvalidStateError':
      if (previousKeyOwner)
        return {
          code: 'key-reused',
          message: t('errKeyReused', previousKeyOwner),
          reason: t('errKeyReusedReason'),
          action: t('errKeyReusedAction', userName),
        };
      return {
        code,
        message: t('errKeyAlreadyRegistered', userName),
        reason: t('errKeyAlreadyRegisteredReason'),
        action: t('errKeyAlreadyRegisteredAction'),
      };
    case 'NotSupportedError':
      return {
        code,
        message: t('errKeyNotSupported'),
        reason: message || undefined,
        action: t('errKeyNotSupportedAction'),
      };
    case 'SecurityError':
      return {
        code,
        message: t('errKeySecurity'),
        reason: message || undefined,
        action: t('errKeySecurityAction'),
      };
    case 'AbortError':
      return { code, message: t('errKeyPromptClosed'), reason: message || undefined, action: t('errTryAgain') };
    case 'ConstraintError':
      return {
        code,
        message: t('errKeyNoUserVerification'),
        reason: message || undefined,
        action: t('errKeyNoUserVerificationAction'),
      };
    default:
      return {
        code,
        message: t('errKeyFailed'),
        reason: `${name}: ${message}`,
        action: t('errKeyFailedAction'),
      };
  }
}
