/** What a person sees on a recorded card, and what each button does. */
import type { ActionResponseNode, ButtonNode, CardNode, WidgetNode } from './card-service-double';

const stripTags = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export function asCard(value: unknown): CardNode {
  const node = value as CardNode;
  if (node?.kind !== 'card') throw new Error(`Expected a card, got ${JSON.stringify(value)?.slice(0, 200)}`);
  return node;
}

export function asResponse(value: unknown): ActionResponseNode {
  const node = value as ActionResponseNode;
  if (node?.kind !== 'actionResponse') throw new Error(`Expected an action response, got ${JSON.stringify(value)?.slice(0, 200)}`);
  return node;
}

function widgetTexts(w: WidgetNode): string[] {
  switch (w.type) {
    case 'paragraph':
      return [w.text];
    case 'decorated':
      return [w.topLabel ?? '', w.text, w.bottomLabel ?? '', w.button?.text ?? ''];
    case 'buttonSet':
      return w.buttons.map((b) => b.text);
    case 'button':
      return [w.button.text];
    case 'textInput':
      return [w.title ?? '', w.value ?? ''];
    case 'selection':
      return [w.title ?? '', ...w.items.map((i) => i.text)];
    case 'divider':
      return [];
  }
}

/** Every visible string, tags stripped, one per line. */
export function visibleText(card: CardNode): string {
  const lines = [card.title, card.subtitle ?? ''];
  for (const s of card.sections) lines.push(s.header ?? '', ...s.widgets.flatMap(widgetTexts));
  return lines.map(stripTags).filter(Boolean).join('\n');
}

export function allButtons(card: CardNode): ButtonNode[] {
  return card.sections.flatMap((s) =>
    s.widgets.flatMap((w) =>
      w.type === 'buttonSet' ? w.buttons : w.type === 'button' ? [w.button] : w.type === 'decorated' && w.button ? [w.button] : [],
    ),
  );
}

export function buttonNamed(card: CardNode, text: string): ButtonNode {
  const found = allButtons(card).filter((b) => stripTags(b.text) === text);
  if (found.length !== 1)
    throw new Error(
      `Expected one button "${text}", found ${found.length}: ${allButtons(card)
        .map((b) => b.text)
        .join(', ')}`,
    );
  return found[0];
}

export function inputNames(card: CardNode): string[] {
  return card.sections.flatMap((s) => s.widgets.flatMap((w) => (w.type === 'textInput' || w.type === 'selection' ? [w.fieldName] : [])));
}

export function callbackNames(card: CardNode): string[] {
  return allButtons(card).flatMap((b) => (b.action ? [b.action.functionName] : []));
}
