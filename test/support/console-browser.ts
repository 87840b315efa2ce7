/**
 * The console in a real browser: Debian's Chromium driven by playwright-core (no bundled browser
 * download), and the steps a person takes, shared by the browser test, the screenshots and the
 * bench so all three drive the same flow.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.SUPPORTGATE_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface FirstProject {
  name: string;
  supportAddress: string;
  price: string;
  currency?: string;
}

/** Counts the forms a person submits (the figure console_first_project_steps). */
export class ConsoleSteps {
  submissions = 0;
  constructor(readonly page: Page) {}

  async enterKey(key: string): Promise<void> {
    await this.page.getByLabel(/API key|Clé d’API/).fill(key);
    this.submissions++;
    await this.page.getByRole('button', { name: /^(Open|Ouvrir)$/ }).click();
  }

  async firstProject(p: FirstProject): Promise<void> {
    const form = this.page.locator('form', { has: this.page.getByRole('heading', { name: /first project|premier projet/ }) });
    await form.getByLabel(/Project name|Nom du projet/).fill(p.name);
    await form.getByLabel(/Support address|Adresse\(s\) de support/).fill(p.supportAddress);
    await form.getByLabel(/Price per intervention|Prix d’une intervention/).fill(p.price);
    if (p.currency) await form.getByLabel(/^(Currency|Devise)$/).fill(p.currency);
    this.submissions++;
    await form.getByRole('button', { name: /Create the project|Créer le projet/ }).click();
  }

  async authorize(who: string, options: { name?: string; credits?: number } = {}): Promise<void> {
    const form = this.page.locator('form', { has: this.page.getByRole('heading', { name: /Authorize a client|Autoriser un client/ }) });
    await form.getByLabel(/Address or domain|Adresse ou domaine/).fill(who);
    if (options.name) await form.getByLabel(/Client name|Nom du client/).fill(options.name);
    if (options.credits !== undefined) await form.getByLabel(/Credits to start with|Crédits de départ/).fill(String(options.credits));
    this.submissions++;
    await form.getByRole('button', { name: /^(Authorize|Autoriser)$/ }).click();
  }

  async open(section: RegExp): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: section }).click();
  }
}
