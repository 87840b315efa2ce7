/// <reference path="../types/apps-script.d.ts" />
/** Homepage, settings and error cards. */
import type { ApiClientError } from './api-client';
import { CALLBACKS } from './callbacks';
import { isConfigured, maskKey, type AddonSettings } from './settings';
import { button, buttons, card, decorated, esc, paragraph, section, textInput } from './ui';

export function buildHomepageCard(settings: AddonSettings): GoogleAppsScript.Card.Card {
  if (!isConfigured(settings)) {
    return card(
      'home',
      'SupportGate',
      'Paid support credits',
      section(
        'Set up',
        paragraph(
          'Connect this add-on to your SupportGate Credits API (an n8n workflow) to see and manage the credits of the people who write to you.',
        ),
        buttons(button('Open settings', CALLBACKS.openSettings, {}, true)),
      ),
    );
  }
  return card(
    'home',
    'SupportGate',
    'Paid support credits',
    section(
      null,
      paragraph("Open a mail to see its sender's credits, tickets and payment links, grant credits or authorize a new client."),
      decorated('Project', esc(settings.project)),
      decorated('Credits API', esc(settings.baseUrl)),
    ),
    section(null, buttons(button('Settings', CALLBACKS.openSettings), button('Test connection', CALLBACKS.testConnection))),
  );
}

export function buildSettingsCard(settings: AddonSettings, message?: string): GoogleAppsScript.Card.Card {
  const sections = [];
  if (message) sections.push(section(null, paragraph(esc(message))));
  sections.push(
    section(
      'Credits API',
      textInput('baseUrl', 'Credits API URL', 'e.g. https://n8n.agency.com/webhook', settings.baseUrl),
      textInput(
        'apiKey',
        'API key',
        settings.apiKey ? `Stored: ${maskKey(settings.apiKey)}. Leave empty to keep it.` : 'The X-SupportGate-Key set in the n8n workflow',
      ),
      textInput('project', 'Default project', 'Project id or name', settings.project),
      buttons(button('Save', CALLBACKS.saveSettings, {}, true), button('Test connection', CALLBACKS.testConnection)),
    ),
  );
  return card('settings', 'SupportGate settings', 'Stored for your Google account only', ...sections);
}

const NEXT_STEP: Record<ApiClientError['kind'], { title: string; advice: string; settings: boolean }> = {
  not_configured: {
    title: 'Not set up yet',
    advice: 'Open Settings and enter the Credits API URL, key and default project.',
    settings: true,
  },
  unauthorized: {
    title: 'Wrong API key',
    advice:
      'The Credits API refused the key. Open Settings and paste the key configured in the n8n Credits API workflow (header X-SupportGate-Key).',
    settings: true,
  },
  timeout: {
    title: 'Credits API too slow',
    advice: 'The Credits API did not answer in time. Check that n8n is running and the workflow is active, then retry.',
    settings: false,
  },
  network: {
    title: 'Credits API unreachable',
    advice: 'Check the URL in Settings, that n8n is online, and that its host is listed in urlFetchWhitelist of appsscript.json.',
    settings: true,
  },
  not_found: {
    title: 'Not found',
    advice: 'Check the default project name in Settings; it must match a SupportGate project.',
    settings: true,
  },
  invalid_request: { title: 'Request rejected', advice: 'Correct the value named below and try again.', settings: false },
  server: {
    title: 'Credits API error',
    advice: 'The n8n workflow failed. Open its execution log in n8n, fix it, then retry.',
    settings: false,
  },
  bad_response: {
    title: 'Version mismatch',
    advice:
      'The Credits API answered in a shape this add-on does not know. Update the n8n Credits API workflow and this add-on to the same SupportGate version.',
    settings: false,
  },
};

/** A card that says what went wrong and what to do next, with a way out. */
export function buildErrorCard(error: ApiClientError, retry: { params: Record<string, string> } | null): GoogleAppsScript.Card.Card {
  const step = NEXT_STEP[error.kind];
  const actions = [];
  if (retry) actions.push(button('Retry', CALLBACKS.refresh, retry.params, true));
  if (step.settings) actions.push(button('Open settings', CALLBACKS.openSettings, {}, !retry));
  return card(
    'error',
    'SupportGate',
    step.title,
    section(
      null,
      paragraph(`<b>${esc(step.title)}</b>`),
      paragraph(esc(step.advice)),
      decorated(
        'Details',
        esc(error.message),
        error.status ? `HTTP ${error.status}${error.field ? ` · field ${esc(error.field)}` : ''}` : undefined,
      ),
      ...(actions.length ? [buttons(...actions)] : []),
    ),
  );
}

/** Short text for a notification toast after a failed action. */
export function errorNotice(error: ApiClientError): string {
  const step = NEXT_STEP[error.kind];
  return error.kind === 'invalid_request' || error.kind === 'not_found'
    ? `${step.title}: ${error.message}`
    : `${step.title}. ${step.advice}`;
}
