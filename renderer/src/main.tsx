import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from './app/api-context';
import { App } from './app/App';
import { connectBridge } from './bridge/connect';
import { warmFormatters } from './format';
import { createI18n } from './i18n';
import { pickLanguage } from './i18n/languages';
import { MediaEngine } from './media/media-engine';
import { applyTheme } from './theme';
import './theme.css';
import './ui/ui.css';

async function start(): Promise<void> {
  // The calls' audio is done here for the whole app, not by a screen: it starts with the page.
  let media: MediaEngine | null = null;
  const api = connectBridge(() => void media?.announce());
  media = new MediaEngine(api);
  void media.start();
  const settings = await api.settings.get({});
  const chosen = settings.ok ? settings.value : null;
  const language = pickLanguage(navigator.languages, chosen?.language === 'system' ? null : chosen?.language);
  document.documentElement.lang = language;
  applyTheme(chosen?.theme ?? 'system');
  const i18n = await createI18n(language);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <ApiContext.Provider value={api}>
          <App />
        </ApiContext.Provider>
      </I18nextProvider>
    </StrictMode>,
  );
  // While the sign-in screen waits for typing, not when the call log or voicemail first opens.
  requestIdleCallback(() => warmFormatters(language));
}

void start();
