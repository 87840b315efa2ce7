import { timingSafeEqual } from 'node:crypto';

export interface NotificationRequest {
  /** Parsed query string (validationToken arrives there on the handshake). */
  query: Record<string, unknown>;
  /** Parsed JSON body: {value: ChangeNotification[]}. */
  body: unknown;
}

export interface NotificationResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

export type NotificationOutcome =
  | { kind: 'validation'; response: NotificationResponse }
  | { kind: 'rejected'; response: NotificationResponse; reason: string }
  | { kind: 'accepted'; response: NotificationResponse; changes: number; lifecycle: LifecycleEvent[]; subscriptionIds: string[] };

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const reply = (status: number, body = '', contentType = 'text/plain'): NotificationResponse => ({
  status,
  headers: { 'content-type': contentType },
  body,
});

/**
 * Decides what a request to the notification URL means; does no I/O so it answers at once.
 * Handshake → the token as text/plain 200. Any clientState mismatch → the whole batch rejected
 * (403), nothing processed. Otherwise 202 plus what to do: the caller runs the delta sync
 * (changes never carry the message: they only trigger a sync) and lifecycle actions.
 */
export function classifyNotification(req: NotificationRequest, clientState: string): NotificationOutcome {
  const token = req.query.validationToken;
  if (typeof token === 'string' && token !== '') return { kind: 'validation', response: reply(200, token) };
  const value = (req.body as { value?: unknown } | undefined)?.value;
  if (!Array.isArray(value) || value.length === 0)
    return { kind: 'rejected', reason: 'no notifications in body', response: reply(400, 'expected {"value": [...]}') };
  let changes = 0;
  const lifecycle: LifecycleEvent[] = [];
  const subscriptionIds = new Set<string>();
  for (const n of value as Array<Record<string, unknown>>) {
    if (typeof n?.clientState !== 'string' || !safeEqual(n.clientState, clientState)) {
      return { kind: 'rejected', reason: 'clientState mismatch', response: reply(403, 'clientState mismatch') };
    }
    if (typeof n.subscriptionId === 'string') subscriptionIds.add(n.subscriptionId);
    const event = n.lifecycleEvent;
    if (event === 'reauthorizationRequired' || event === 'subscriptionRemoved' || event === 'missed') lifecycle.push(event);
    else if (event === undefined) changes++;
  }
  return { kind: 'accepted', response: reply(202), changes, lifecycle: [...new Set(lifecycle)], subscriptionIds: [...subscriptionIds] };
}
