/**
 * Microsoft's control labels as the overlay quotes them: as the page shows them. The job asks Microsoft for English
 * pages by default, so a German admin sees "+ Add sign-in method" on the page, and quoting „+ Anmeldemethode
 * hinzufügen“ would send them looking for a button that is not there. An English page gets Microsoft's English label;
 * any other page Microsoft's label in the admin's language (the page is then in the admin's language: the setting
 * "Show Microsoft's pages in my language").
 */
import { t, type MessageKey } from '../../shared/i18n';
import { pageLang } from './dom';
import { EN_LABELS, type LabelKey } from './texts';

const IN_ADMIN_LANGUAGE: Record<LabelKey, MessageKey> = {
  SecurityInfo: 'overlayMsSecurityInfo',
  AddSignInMethod: 'overlayMsAddSignInMethod',
  Passkey: 'overlayMsPasskey',
  SecurityKey: 'overlayMsSecurityKey',
  UsbDevice: 'overlayMsUsbDevice',
  Next: 'overlayMsNext',
  Done: 'overlayMsDone',
  No: 'overlayMsNo',
  StaySignedIn: 'overlayMsStaySignedIn',
  UseAnotherAccount: 'overlayMsUseAnotherAccount',
  UsePasswordInstead: 'overlayMsUsePasswordInstead',
  SignInFaster: 'overlayMsSignInFaster',
  SkipForNow: 'overlayMsSkipForNow',
};

export function msLabel(key: LabelKey, doc: Document = document): string {
  return pageLang(doc).split('-')[0] === 'en' ? EN_LABELS[key] : t(IN_ADMIN_LANGUAGE[key]);
}
