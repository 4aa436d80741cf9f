import { render } from 'preact';
import '../shared/ui.css';
import './popup.css';
import { t, uiLanguage } from '../shared/i18n';
import { App } from './App';

// Screen readers pick their voice from <html lang>; the window title is the extension's short name.
document.documentElement.lang = uiLanguage();
document.title = t('extShortName');
render(<App />, document.getElementById('app')!);
