/// <reference path="../types/apps-script.d.ts" />
/** Per-user settings kept in user properties: only this Gmail user sees their key. */

export interface AddonSettings {
  baseUrl: string;
  apiKey: string;
  project: string;
}

export const SETTING_KEYS = { baseUrl: 'SUPPORTGATE_BASE_URL', apiKey: 'SUPPORTGATE_API_KEY', project: 'SUPPORTGATE_PROJECT' } as const;

export function readSettings(store: GoogleAppsScript.Properties.Properties): AddonSettings {
  return {
    baseUrl: store.getProperty(SETTING_KEYS.baseUrl) ?? '',
    apiKey: store.getProperty(SETTING_KEYS.apiKey) ?? '',
    project: store.getProperty(SETTING_KEYS.project) ?? '',
  };
}

export class SettingsError extends Error {
  constructor(
    readonly field: keyof AddonSettings,
    message: string,
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** Trims and checks what the settings form sent; an empty key keeps the stored one. */
export function validateSettings(input: Partial<AddonSettings>, current: AddonSettings): AddonSettings {
  const baseUrl = (input.baseUrl ?? '').trim().replace(/\/+$/, '');
  if (!/^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(baseUrl)) {
    throw new SettingsError('baseUrl', 'Credits API URL must start with https:// (for example https://n8n.agency.com/webhook).');
  }
  const apiKey = (input.apiKey ?? '').trim() || current.apiKey;
  if (!apiKey) throw new SettingsError('apiKey', 'Paste the Credits API key (the X-SupportGate-Key configured in n8n).');
  const project = (input.project ?? '').trim();
  if (!project) throw new SettingsError('project', 'Default project is required: the project id or name in SupportGate.');
  return { baseUrl, apiKey, project };
}

export function saveSettings(store: GoogleAppsScript.Properties.Properties, settings: AddonSettings): void {
  store.setProperty(SETTING_KEYS.baseUrl, settings.baseUrl);
  store.setProperty(SETTING_KEYS.apiKey, settings.apiKey);
  store.setProperty(SETTING_KEYS.project, settings.project);
}

export function isConfigured(settings: AddonSettings): boolean {
  return Boolean(settings.baseUrl && settings.apiKey && settings.project);
}

/** Shows that a key is set without revealing it. */
export function maskKey(key: string): string {
  if (!key) return 'not set';
  return key.length <= 4 ? '••••' : `••••${key.slice(-4)}`;
}
