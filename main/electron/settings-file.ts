// The Electron build keeps the settings with electron-store (conf underneath, so the same file
// and format the browser host's conf writes). It loads `electron`, so only Electron code opens it.
import ElectronStore from 'electron-store';
import type { Settings } from '../../common/ipc/domains/settings';
import { SETTINGS_NAME, type OpenSettingsFile } from '../services/settings-store';

export const openElectronSettingsFile: OpenSettingsFile = (options) =>
  new ElectronStore<Settings>({ ...options, name: SETTINGS_NAME });
