/// <reference path="../../../../gmail-addon/types/apps-script.d.ts" />
/**
 * CardService test double: builders record what they were given, and build() checks the rules
 * the real CardService enforces (a card needs a section, a button needs an action or a link,
 * inputs need a field name), so a card that Gmail would reject fails here too.
 */
type C = typeof GoogleAppsScript.Card;

export interface ActionNode {
  functionName: string;
  parameters: Record<string, string>;
}
export type WidgetNode =
  | { type: 'paragraph'; text: string }
  | { type: 'decorated'; topLabel?: string; text: string; bottomLabel?: string; button?: ButtonNode }
  | { type: 'buttonSet'; buttons: ButtonNode[] }
  | { type: 'button'; button: ButtonNode }
  | { type: 'textInput'; fieldName: string; title?: string; hint?: string; value?: string }
  | { type: 'selection'; fieldName: string; title?: string; kind: string; items: { text: string; value: string; selected: boolean }[] }
  | { type: 'divider' };
export interface ButtonNode {
  text: string;
  action?: ActionNode;
  openLink?: string;
  filled: boolean;
}
export interface SectionNode {
  header?: string;
  widgets: WidgetNode[];
}
export interface CardNode {
  kind: 'card';
  name?: string;
  title: string;
  subtitle?: string;
  sections: SectionNode[];
}
export interface NavigationNode {
  op: 'push' | 'update' | 'pop' | 'popToRoot';
  card?: CardNode;
}
export interface ActionResponseNode {
  kind: 'actionResponse';
  notification?: string;
  navigation: NavigationNode[];
}
export interface UniversalResponseNode {
  kind: 'universal';
  cards: CardNode[];
}

class CardServiceError extends Error {}
const fail = (message: string): never => {
  throw new CardServiceError(message);
};

class Action {
  node: ActionNode = { functionName: '', parameters: {} };
  setFunctionName(name: string) {
    this.node.functionName = name;
    return this;
  }
  setParameters(p: Record<string, string>) {
    for (const [k, v] of Object.entries(p)) if (typeof v !== 'string') fail(`Action parameter ${k} must be a string`);
    this.node.parameters = { ...p };
    return this;
  }
}
class OpenLink {
  url = '';
  setUrl(url: string) {
    this.url = url;
    return this;
  }
}
class TextButton {
  text = '';
  action?: Action;
  link?: OpenLink;
  filled = false;
  setText(t: string) {
    this.text = t;
    return this;
  }
  setOnClickAction(a: Action) {
    this.action = a;
    return this;
  }
  setOpenLink(l: OpenLink) {
    this.link = l;
    return this;
  }
  setTextButtonStyle(s: string) {
    this.filled = s === 'FILLED';
    return this;
  }
  toNode(): ButtonNode {
    if (!this.text) fail('TextButton needs text');
    if (!this.action && !this.link) fail(`Button "${this.text}" has no action and no link`);
    if (this.action && !this.action.node.functionName) fail(`Button "${this.text}" action has no function name`);
    if (this.link && !/^https?:\/\//.test(this.link.url)) fail(`Button "${this.text}" link is not a URL`);
    return { text: this.text, action: this.action?.node, openLink: this.link?.url, filled: this.filled };
  }
}
class ButtonSet {
  items: TextButton[] = [];
  addButton(b: TextButton) {
    this.items.push(b);
    return this;
  }
  toNode(): WidgetNode {
    if (!this.items.length) fail('ButtonSet is empty');
    return { type: 'buttonSet', buttons: this.items.map((b) => b.toNode()) };
  }
}
class TextParagraph {
  text = '';
  setText(t: string) {
    this.text = t;
    return this;
  }
  toNode(): WidgetNode {
    return { type: 'paragraph', text: this.text };
  }
}
class DecoratedText {
  top?: string;
  text = '';
  bottom?: string;
  button?: TextButton;
  setTopLabel(t: string) {
    this.top = t;
    return this;
  }
  setText(t: string) {
    this.text = t;
    return this;
  }
  setBottomLabel(t: string) {
    this.bottom = t;
    return this;
  }
  setWrapText(_w: boolean) {
    return this;
  }
  setButton(b: TextButton) {
    this.button = b;
    return this;
  }
  toNode(): WidgetNode {
    if (!this.text) fail('DecoratedText needs text');
    return { type: 'decorated', topLabel: this.top, text: this.text, bottomLabel: this.bottom, button: this.button?.toNode() };
  }
}
class TextInput {
  node: { fieldName: string; title?: string; hint?: string; value?: string } = { fieldName: '' };
  setFieldName(n: string) {
    this.node.fieldName = n;
    return this;
  }
  setTitle(t: string) {
    this.node.title = t;
    return this;
  }
  setHint(h: string) {
    this.node.hint = h;
    return this;
  }
  setValue(v: string) {
    this.node.value = v;
    return this;
  }
  setMultiline(_m: boolean) {
    return this;
  }
  toNode(): WidgetNode {
    if (!this.node.fieldName) fail('TextInput needs a field name');
    return { type: 'textInput', ...this.node };
  }
}
class SelectionInput {
  fieldName = '';
  title?: string;
  kind = '';
  items: { text: string; value: string; selected: boolean }[] = [];
  setType(t: string) {
    this.kind = t;
    return this;
  }
  setFieldName(n: string) {
    this.fieldName = n;
    return this;
  }
  setTitle(t: string) {
    this.title = t;
    return this;
  }
  addItem(text: string, value: string, selected: boolean) {
    this.items.push({ text, value, selected });
    return this;
  }
  toNode(): WidgetNode {
    if (!this.fieldName || !this.kind) fail('SelectionInput needs a field name and a type');
    return { type: 'selection', fieldName: this.fieldName, title: this.title, kind: this.kind, items: this.items };
  }
}
class Divider {
  toNode(): WidgetNode {
    return { type: 'divider' };
  }
}
class CardSection {
  header?: string;
  widgets: { toNode(): WidgetNode }[] = [];
  setHeader(h: string) {
    this.header = h;
    return this;
  }
  addWidget(w: unknown) {
    if (w instanceof TextButton) {
      const b = w;
      this.widgets.push({ toNode: () => ({ type: 'button', button: b.toNode() }) });
      return this;
    }
    if (!w || typeof (w as { toNode?: unknown }).toNode !== 'function') fail('addWidget: not a widget');
    this.widgets.push(w as { toNode(): WidgetNode });
    return this;
  }
  setCollapsible(_c: boolean) {
    return this;
  }
  toNode(): SectionNode {
    if (!this.widgets.length) fail(`Section "${this.header ?? ''}" has no widget`);
    return { header: this.header, widgets: this.widgets.map((w) => w.toNode()) };
  }
}
class CardHeader {
  title = '';
  subtitle?: string;
  setTitle(t: string) {
    this.title = t;
    return this;
  }
  setSubtitle(t: string) {
    this.subtitle = t;
    return this;
  }
  setImageUrl(_u: string) {
    return this;
  }
}
class CardBuilder {
  header?: CardHeader;
  sections: CardSection[] = [];
  name?: string;
  setHeader(h: CardHeader) {
    this.header = h;
    return this;
  }
  addSection(s: CardSection) {
    this.sections.push(s);
    return this;
  }
  setName(n: string) {
    this.name = n;
    return this;
  }
  build(): CardNode {
    if (!this.sections.length) fail('Card has no section');
    return {
      kind: 'card',
      name: this.name,
      title: this.header?.title ?? '',
      subtitle: this.header?.subtitle,
      sections: this.sections.map((s) => s.toNode()),
    };
  }
}
class Notification {
  text = '';
  setText(t: string) {
    this.text = t;
    return this;
  }
}
class Navigation {
  steps: NavigationNode[] = [];
  pushCard(c: CardNode) {
    this.steps.push({ op: 'push', card: c });
    return this;
  }
  updateCard(c: CardNode) {
    this.steps.push({ op: 'update', card: c });
    return this;
  }
  popCard() {
    this.steps.push({ op: 'pop' });
    return this;
  }
  popToRoot() {
    this.steps.push({ op: 'popToRoot' });
    return this;
  }
}
class ActionResponseBuilder {
  notification?: Notification;
  navigation?: Navigation;
  setNotification(n: Notification) {
    this.notification = n;
    return this;
  }
  setNavigation(n: Navigation) {
    this.navigation = n;
    return this;
  }
  build(): ActionResponseNode {
    if (!this.notification && !this.navigation) fail('ActionResponse is empty');
    if (this.notification && !this.notification.text) fail('Notification has no text');
    return { kind: 'actionResponse', notification: this.notification?.text, navigation: this.navigation?.steps ?? [] };
  }
}
class UniversalActionResponseBuilder {
  cards: CardNode[] = [];
  displayAddOnCards(c: CardNode[]) {
    this.cards = c;
    return this;
  }
  build(): UniversalResponseNode {
    if (!this.cards.length) fail('No card to display');
    return { kind: 'universal', cards: this.cards };
  }
}

export function createCardServiceDouble(): GoogleAppsScript.Card.CardServiceApi {
  const api = {
    newCardBuilder: () => new CardBuilder(),
    newCardHeader: () => new CardHeader(),
    newCardSection: () => new CardSection(),
    newTextParagraph: () => new TextParagraph(),
    newDecoratedText: () => new DecoratedText(),
    newTextButton: () => new TextButton(),
    newButtonSet: () => new ButtonSet(),
    newTextInput: () => new TextInput(),
    newSelectionInput: () => new SelectionInput(),
    newDivider: () => new Divider(),
    newAction: () => new Action(),
    newOpenLink: () => new OpenLink(),
    newNotification: () => new Notification(),
    newNavigation: () => new Navigation(),
    newActionResponseBuilder: () => new ActionResponseBuilder(),
    newUniversalActionResponseBuilder: () => new UniversalActionResponseBuilder(),
    SelectionInputType: {
      CHECK_BOX: 'CHECK_BOX',
      RADIO_BUTTON: 'RADIO_BUTTON',
      DROPDOWN: 'DROPDOWN',
      SWITCH: 'SWITCH',
    } as unknown as C['SelectionInputType'],
    TextButtonStyle: { TEXT: 'TEXT', FILLED: 'FILLED', OUTLINED: 'OUTLINED' } as unknown as C['TextButtonStyle'],
  };
  return api as unknown as GoogleAppsScript.Card.CardServiceApi;
}
