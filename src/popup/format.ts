import { uiLanguage } from '../shared/i18n';

export const formatDate = (iso?: string | null) =>
  iso ? new Date(iso).toLocaleDateString(uiLanguage(), { year: 'numeric', month: 'short', day: 'numeric' }) : '';
export const formatDateTime = (iso?: string | number | null) =>
  iso
    ? new Date(iso).toLocaleString(uiLanguage(), {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      })
    : '';
