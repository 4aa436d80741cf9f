/**
 * Errors that cross contexts (service worker → popup, content script → service worker) as plain data.
 * Each says what happened, why, and what the admin can do, with Graph's request-id where there is one.
 * Never put a TAP, token or PIN in any field: these are shown, logged in history and exported.
 */
import { t } from './i18n';

export interface AppErrorData {
  code: string;
  /** What happened, one sentence. */
  message: string;
  /** Why, if known. */
  reason?: string;
  /** What the admin can do. */
  action?: string;
  /** Graph's request-id (and client-request-id) for support cases. */
  requestId?: string;
  status?: number;
}

export class AppError extends Error implements AppErrorData {
  code: string;
  reason?: string;
  action?: string;
  requestId?: string;
  status?: number;

  constructor(data: AppErrorData) {
    super(data.message);
    this.name = 'AppError';
    this.code = data.code;
    this.reason = data.reason;
    this.action = data.action;
    this.requestId = data.requestId;
    this.status = data.status;
  }

  toJSON(): AppErrorData {
    return {
      code: this.code,
      message: this.message,
      reason: this.reason,
      action: this.action,
      requestId: this.requestId,
      status: this.status,
    };
  }

  static from(e: unknown, fallbackCode = 'unexpected'): AppError {
    if (e instanceof AppError) return e;
    if (isAppErrorData(e)) return new AppError(e);
    const message = e instanceof Error ? e.message : String(e);
    return new AppError({
      code: fallbackCode,
      message: message || t('errUnexpected'),
      action: t('errUnexpectedAction'),
    });
  }
}

export function isAppErrorData(v: unknown): v is AppErrorData {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as AppErrorData).code === 'string' &&
    typeof (v as AppErrorData).message === 'string'
  );
}

/** One line for logs, history and CSV: message, reason, action, request id. */
export function describeError(e: AppErrorData): string {
  return [e.message, e.reason, e.action, e.requestId && t('errRequestId', e.requestId)].filter(Boolean).join(' ');
}
