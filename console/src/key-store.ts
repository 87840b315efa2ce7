/**
 * The Add-on API key, entered once per browser session: kept in sessionStorage (gone when the tab
 * closes, never sent anywhere but the X-SupportGate-Key header). n8n serves webhook pages with a
 * `sandbox` Content-Security-Policy that gives them an opaque origin, where sessionStorage throws;
 * there the key lives in memory only (a reload asks for it again), never in a cookie or the URL.
 */
const NAME = 'supportgate.console.key';
let memory: string | null = null;

function storage(): Storage | null {
  try {
    const s = window.sessionStorage;
    s.getItem(NAME);
    return s;
  } catch {
    return null;
  }
}

export const keyStore = {
  get(): string | null {
    return storage()?.getItem(NAME) ?? memory;
  },
  set(key: string): void {
    memory = key;
    storage()?.setItem(NAME, key);
  },
  clear(): void {
    memory = null;
    storage()?.removeItem(NAME);
  },
  /** Whether the key survives a reload of this tab (false inside n8n's sandbox). */
  persistent(): boolean {
    return storage() !== null;
  },
};
