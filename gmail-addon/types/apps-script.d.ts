/**
 * Minimal ambient declarations for the Apps Script services this add-on uses
 * (@types/google-apps-script is not installed). Only the surface we call is declared, so the
 * CardService test double in test/unit/addon/support can implement exactly this.
 */
declare namespace GoogleAppsScript {
  namespace Card {
    interface Action {
      setFunctionName(name: string): Action;
      setParameters(p: Record<string, string>): Action;
    }
    interface OpenLink {
      setUrl(url: string): OpenLink;
    }
    interface TextButton {
      setText(text: string): TextButton;
      setOnClickAction(action: Action): TextButton;
      setOpenLink(link: OpenLink): TextButton;
      setTextButtonStyle(style: TextButtonStyle): TextButton;
    }
    interface ButtonSet {
      addButton(button: TextButton): ButtonSet;
    }
    interface TextParagraph {
      setText(text: string): TextParagraph;
    }
    interface DecoratedText {
      setTopLabel(text: string): DecoratedText;
      setText(text: string): DecoratedText;
      setBottomLabel(text: string): DecoratedText;
      setWrapText(wrap: boolean): DecoratedText;
      setButton(button: TextButton): DecoratedText;
    }
    interface TextInput {
      setFieldName(name: string): TextInput;
      setTitle(title: string): TextInput;
      setHint(hint: string): TextInput;
      setValue(value: string): TextInput;
      setMultiline(multiline: boolean): TextInput;
    }
    interface SelectionInput {
      setType(type: SelectionInputType): SelectionInput;
      setFieldName(name: string): SelectionInput;
      setTitle(title: string): SelectionInput;
      addItem(text: string, value: string, selected: boolean): SelectionInput;
    }
    interface Divider {
      readonly __divider?: never;
    }
    type Widget = TextParagraph | DecoratedText | ButtonSet | TextInput | SelectionInput | Divider | TextButton;
    interface CardSection {
      setHeader(header: string): CardSection;
      addWidget(widget: Widget): CardSection;
      setCollapsible(collapsible: boolean): CardSection;
    }
    interface CardHeader {
      setTitle(t: string): CardHeader;
      setSubtitle(t: string): CardHeader;
      setImageUrl(u: string): CardHeader;
    }
    interface Card {
      readonly __card?: never;
    }
    interface CardBuilder {
      setHeader(header: CardHeader): CardBuilder;
      addSection(section: CardSection): CardBuilder;
      setName(name: string): CardBuilder;
      build(): Card;
    }
    interface Notification {
      setText(text: string): Notification;
    }
    interface Navigation {
      pushCard(card: Card): Navigation;
      updateCard(card: Card): Navigation;
      popCard(): Navigation;
      popToRoot(): Navigation;
    }
    interface ActionResponse {
      readonly __actionResponse?: never;
    }
    interface ActionResponseBuilder {
      setNotification(n: Notification): ActionResponseBuilder;
      setNavigation(n: Navigation): ActionResponseBuilder;
      build(): ActionResponse;
    }
    interface UniversalActionResponse {
      readonly __universal?: never;
    }
    interface UniversalActionResponseBuilder {
      displayAddOnCards(cards: Card[]): UniversalActionResponseBuilder;
      build(): UniversalActionResponse;
    }
    enum SelectionInputType {
      CHECK_BOX = 'CHECK_BOX',
      RADIO_BUTTON = 'RADIO_BUTTON',
      DROPDOWN = 'DROPDOWN',
      SWITCH = 'SWITCH',
    }
    enum TextButtonStyle {
      TEXT = 'TEXT',
      FILLED = 'FILLED',
      OUTLINED = 'OUTLINED',
    }
    interface CardServiceApi {
      newCardBuilder(): CardBuilder;
      newCardHeader(): CardHeader;
      newCardSection(): CardSection;
      newTextParagraph(): TextParagraph;
      newDecoratedText(): DecoratedText;
      newTextButton(): TextButton;
      newButtonSet(): ButtonSet;
      newTextInput(): TextInput;
      newSelectionInput(): SelectionInput;
      newDivider(): Divider;
      newAction(): Action;
      newOpenLink(): OpenLink;
      newNotification(): Notification;
      newNavigation(): Navigation;
      newActionResponseBuilder(): ActionResponseBuilder;
      newUniversalActionResponseBuilder(): UniversalActionResponseBuilder;
      SelectionInputType: typeof SelectionInputType;
      TextButtonStyle: typeof TextButtonStyle;
    }
  }
  namespace URL_Fetch {
    interface HTTPResponse {
      getResponseCode(): number;
      getContentText(): string;
    }
    interface URLFetchRequestOptions {
      method?: 'get' | 'post';
      contentType?: string;
      headers?: Record<string, string>;
      payload?: string;
      muteHttpExceptions?: boolean;
      followRedirects?: boolean;
      validateHttpsCertificates?: boolean;
    }
    interface UrlFetchAppApi {
      fetch(url: string, params: URLFetchRequestOptions): HTTPResponse;
    }
  }
  namespace Properties {
    interface Properties {
      getProperty(key: string): string | null;
      setProperty(key: string, value: string): Properties;
      deleteProperty(key: string): Properties;
    }
    interface PropertiesServiceApi {
      getUserProperties(): Properties;
    }
  }
  namespace Gmail {
    interface GmailMessage {
      getId(): string;
      getFrom(): string;
      getSubject(): string;
    }
    interface GmailAppApi {
      setCurrentMessageAccessToken(token: string): void;
      getMessageById(id: string): GmailMessage | null;
    }
  }
  namespace Addons {
    /** The event object Gmail passes to every trigger and action callback. */
    interface EventObject {
      commonEventObject?: {
        formInputs?: Record<string, { stringInputs?: { value?: string[] } }>;
        parameters?: Record<string, string>;
        timeZone?: { id: string; offset: number };
        userLocale?: string;
      };
      formInput?: Record<string, string | undefined>;
      parameters?: Record<string, string | undefined>;
      gmail?: { messageId?: string; threadId?: string; accessToken?: string };
    }
  }
}

declare const CardService: GoogleAppsScript.Card.CardServiceApi;
declare const UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchAppApi;
declare const PropertiesService: GoogleAppsScript.Properties.PropertiesServiceApi;
declare const GmailApp: GoogleAppsScript.Gmail.GmailAppApi;
