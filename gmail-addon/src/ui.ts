/// <reference path="../types/apps-script.d.ts" />
/** Thin helpers over CardService so card files read like the card they draw. */
import type { CallbackName } from './callbacks';

type Card = GoogleAppsScript.Card.Card;
type Widget = GoogleAppsScript.Card.Widget;

export function action(functionName: CallbackName, parameters: Record<string, string> = {}): GoogleAppsScript.Card.Action {
  return CardService.newAction().setFunctionName(functionName).setParameters(parameters);
}

export function button(text: string, functionName: CallbackName, parameters: Record<string, string> = {}, filled = false) {
  const b = CardService.newTextButton().setText(text).setOnClickAction(action(functionName, parameters));
  return filled ? b.setTextButtonStyle(CardService.TextButtonStyle.FILLED) : b;
}

export function linkButton(text: string, url: string) {
  return CardService.newTextButton().setText(text).setOpenLink(CardService.newOpenLink().setUrl(url));
}

export function buttons(...items: GoogleAppsScript.Card.TextButton[]) {
  const set = CardService.newButtonSet();
  for (const item of items) set.addButton(item);
  return set;
}

export function paragraph(text: string) {
  return CardService.newTextParagraph().setText(text);
}

export function decorated(topLabel: string, text: string, bottomLabel?: string) {
  const w = CardService.newDecoratedText().setTopLabel(topLabel).setText(text).setWrapText(true);
  return bottomLabel ? w.setBottomLabel(bottomLabel) : w;
}

export function textInput(fieldName: string, title: string, hint = '', value = '') {
  const input = CardService.newTextInput().setFieldName(fieldName).setTitle(title);
  if (hint) input.setHint(hint);
  if (value) input.setValue(value);
  return input;
}

export function section(header: string | null, ...widgets: Widget[]) {
  const s = CardService.newCardSection();
  if (header) s.setHeader(header);
  for (const w of widgets) s.addWidget(w);
  return s;
}

export function card(name: string, title: string, subtitle: string, ...sections: GoogleAppsScript.Card.CardSection[]): Card {
  const header = CardService.newCardHeader().setTitle(title);
  if (subtitle) header.setSubtitle(subtitle);
  const builder = CardService.newCardBuilder().setName(name).setHeader(header);
  for (const s of sections) builder.addSection(s);
  return builder.build();
}

export function notify(text: string, navigation?: GoogleAppsScript.Card.Navigation) {
  const builder = CardService.newActionResponseBuilder().setNotification(CardService.newNotification().setText(text));
  if (navigation) builder.setNavigation(navigation);
  return builder.build();
}

/** Escapes text for CardService's HTML subset (names and subjects come from strangers). */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function formatDate(iso: string): string {
  // Apps Script runs in the script's zone; the ISO date part is stable and short.
  return iso.replace('T', ' ').slice(0, 16);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${Math.abs(n) === 1 ? '' : 's'}`;
}
