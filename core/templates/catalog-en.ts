/** English reply templates. Plain TypeScript strings so they bundle with the nodes. */
import { TemplateBody, TemplateId } from './types';

export const EN: Record<TemplateId, Required<TemplateBody>> = {
  payment_request: {
    text: `Hello {{client_name}},

Thank you for your message to {{project}} support. Your request {{ticket}} is ready to be handled: support requests are prepaid, and your account has no credit left.

One request costs {{price}}. You can pay securely by card here:
{{payment_url}}

This link is valid until {{expires_at}}. As soon as the payment is confirmed, your request goes to our team and we will get back to you. There is no need to write again: further messages on this request reuse the same link.

Best regards,
The {{project}} support team`,
    html: `<p>Hello {{client_name}},</p>
<p>Thank you for your message to {{project}} support. Your request <strong>{{ticket}}</strong> is ready to be handled: support requests are prepaid, and your account has no credit left.</p>
<p>One request costs <strong>{{price}}</strong>. You can pay securely by card here:</p>
<p><a href="{{payment_url}}">Pay {{price}} now</a></p>
<p>This link is valid until {{expires_at}}. As soon as the payment is confirmed, your request goes to our team and we will get back to you. There is no need to write again: further messages on this request reuse the same link.</p>
<p>Best regards,<br>The {{project}} support team</p>`,
  },
  low_balance: {
    text: `Hello {{client_name}},

Your {{project}} support balance: {{balance}}. So that your next request is handled at once, you can top up now: {{credits}} for {{price}}, paid securely by card here:
{{payment_url}}

This link is valid until {{expires_at}}. Nothing is charged until you pay; without a top-up, your next request will come with a payment link.

Best regards,
The {{project}} support team`,
    html: `<p>Hello {{client_name}},</p>
<p>Your {{project}} support balance: <strong>{{balance}}</strong>. So that your next request is handled at once, you can top up now: <strong>{{credits}} for {{price}}</strong>, paid securely by card here:</p>
<p><a href="{{payment_url}}">Top up {{credits}} for {{price}}</a></p>
<p>This link is valid until {{expires_at}}. Nothing is charged until you pay; without a top-up, your next request will come with a payment link.</p>
<p>Best regards,<br>The {{project}} support team</p>`,
  },
  payment_received: {
    text: `Hello {{client_name}},

We have received your payment of {{price}}. Thank you! Your balance: {{balance}}.

Your request {{ticket}} is now in our team's queue and we will get back to you shortly.

Best regards,
The {{project}} support team`,
    html: `<p>Hello {{client_name}},</p>
<p>We have received your payment of <strong>{{price}}</strong>. Thank you! Your balance: <strong>{{balance}}</strong>.</p>
<p>Your request <strong>{{ticket}}</strong> is now in our team's queue and we will get back to you shortly.</p>
<p>Best regards,<br>The {{project}} support team</p>`,
  },
  ticket_opened: {
    text: `Hello {{client_name}},

We have received your request and opened ticket {{ticket}}. Our team will get back to you shortly.

This request used one credit. Your balance: {{balance}}.

To add information, simply reply to this email and keep {{ticket}} in the subject.

Best regards,
The {{project}} support team`,
    html: `<p>Hello {{client_name}},</p>
<p>We have received your request and opened ticket <strong>{{ticket}}</strong>. Our team will get back to you shortly.</p>
<p>This request used one credit. Your balance: <strong>{{balance}}</strong>.</p>
<p>To add information, simply reply to this email and keep {{ticket}} in the subject.</p>
<p>Best regards,<br>The {{project}} support team</p>`,
  },
  duplicate_joined: {
    text: `Hello {{client_name}},

We already have your request: it is ticket {{ticket}}, and your message has been added to it at no extra cost. Your balance: {{balance}}. Our team will get back to you shortly.

To add information, simply reply to this email and keep {{ticket}} in the subject.

Best regards,
The {{project}} support team`,
    html: `<p>Hello {{client_name}},</p>
<p>We already have your request: it is ticket <strong>{{ticket}}</strong>, and your message has been added to it at no extra cost. Your balance: <strong>{{balance}}</strong>. Our team will get back to you shortly.</p>
<p>To add information, simply reply to this email and keep {{ticket}} in the subject.</p>
<p>Best regards,<br>The {{project}} support team</p>`,
  },
  ticket_opened_unverified: {
    text: `Hello {{client_name}},

We have received your request and opened ticket {{ticket}}. Our team will get back to you shortly.

This request used one credit. Your balance: {{balance}}.

We could not verify that this message really comes from your mailbox, so it has been flagged for our team. If you did not send it, reply to this email to tell us: the credit will be given back.

To add information, simply reply to this email and keep {{ticket}} in the subject.

Best regards,
The {{project}} support team`,
    html: `<p>Hello {{client_name}},</p>
<p>We have received your request and opened ticket <strong>{{ticket}}</strong>. Our team will get back to you shortly.</p>
<p>This request used one credit. Your balance: <strong>{{balance}}</strong>.</p>
<p>We could not verify that this message really comes from your mailbox, so it has been flagged for our team. If you did not send it, reply to this email to tell us: the credit will be given back.</p>
<p>To add information, simply reply to this email and keep {{ticket}} in the subject.</p>
<p>Best regards,<br>The {{project}} support team</p>`,
  },
  confirm_request: {
    text: `Hello {{client_name}},

We have received a support request {{ticket}} in your name, but we could not verify that it really comes from your mailbox. Before it is handled (and charged to your account), please confirm it.

To confirm, simply reply to this email and keep the code {{confirm_code}} in the subject. Without a reply by {{expires_at}}, the request is closed and nothing is charged.

If you did not send this request, ignore this email: nothing will be charged.

Best regards,
The {{project}} support team`,
    html: `<p>Hello {{client_name}},</p>
<p>We have received a support request <strong>{{ticket}}</strong> in your name, but we could not verify that it really comes from your mailbox. Before it is handled (and charged to your account), please confirm it.</p>
<p>To confirm, simply reply to this email and keep the code <strong>{{confirm_code}}</strong> in the subject. Without a reply by {{expires_at}}, the request is closed and nothing is charged.</p>
<p>If you did not send this request, ignore this email: nothing will be charged.</p>
<p>Best regards,<br>The {{project}} support team</p>`,
  },
  confirmation_expired: {
    text: `Hello {{client_name}},

Thank you for your confirmation. It came after the request {{ticket}} had expired, so that request was closed and nothing was charged.

If you still need help, please send your request again in a new email.

Best regards,
The {{project}} support team`,
    html: `<p>Hello {{client_name}},</p>
<p>Thank you for your confirmation. It came after the request <strong>{{ticket}}</strong> had expired, so that request was closed and nothing was charged.</p>
<p>If you still need help, please send your request again in a new email.</p>
<p>Best regards,<br>The {{project}} support team</p>`,
  },
  not_authorized: {
    text: `Hello {{client_name}},

Thank you for your message. This address is reserved for {{project}} support clients, and we could not match your email address to a client account.

If you work with us, please write from the address registered with your account, or ask your contact at {{project}} to add this one.

Best regards,
The {{project}} support team`,
    html: `<p>Hello {{client_name}},</p>
<p>Thank you for your message. This address is reserved for {{project}} support clients, and we could not match your email address to a client account.</p>
<p>If you work with us, please write from the address registered with your account, or ask your contact at {{project}} to add this one.</p>
<p>Best regards,<br>The {{project}} support team</p>`,
  },
  not_support: {
    text: `Hello {{client_name}},

Thank you for your message. This address only handles support requests for {{project}}, so your message has not been opened as a ticket.

For any other matter, please contact us through our usual channels.

Best regards,
The {{project}} support team`,
    html: `<p>Hello {{client_name}},</p>
<p>Thank you for your message. This address only handles support requests for {{project}}, so your message has not been opened as a ticket.</p>
<p>For any other matter, please contact us through our usual channels.</p>
<p>Best regards,<br>The {{project}} support team</p>`,
  },
  statement: {
    text: `Hello {{client_name}},

Here is your {{project}} support statement for {{period}}.

Opening balance: {{opening_balance}}

{{statement_lines}}

Closing balance: {{closing_balance}}

Each line is one movement of your prepaid credits: purchases, requests handled (with their ticket), credits given back. Write to us if anything looks wrong; a CSV copy is available on request.

Best regards,
The {{project}} support team`,
    html: `<p>Hello {{client_name}},</p>
<p>Here is your {{project}} support statement for <strong>{{period}}</strong>.</p>
<p>Opening balance: <strong>{{opening_balance}}</strong></p>
<pre style="font-family:monospace;font-size:13px">{{statement_lines}}</pre>
<p>Closing balance: <strong>{{closing_balance}}</strong></p>
<p>Each line is one movement of your prepaid credits: purchases, requests handled (with their ticket), credits given back. Write to us if anything looks wrong; a CSV copy is available on request.</p>
<p>Best regards,<br>The {{project}} support team</p>`,
  },
};
