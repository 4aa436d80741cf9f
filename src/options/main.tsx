import { render } from 'preact';
import '../shared/ui.css';
import './options.css';
import { t, uiLanguage } from '../shared/i18n';
import { Options } from './Options';

document.documentElement.lang = uiLanguage();
document.title = t('settingsTitle');

render(<Options />, document.getElementById('app')!);
