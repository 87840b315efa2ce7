/** The Stripe SDK client the nodes use, pointed at api.stripe.com or (tests, proxies) another base URL. */
import Stripe from 'stripe';
import { PaymentError } from './errors';

export interface StripeConnection {
  secretKey: string;
  /** Default https://api.stripe.com. */
  apiBaseUrl?: string;
}

export function stripeClient(connection: StripeConnection): Stripe {
  const key = String(connection.secretKey ?? '').trim();
  if (!/^(sk|rk)_/.test(key))
    throw new PaymentError(
      'missing_setting',
      'The Stripe secret key must start with sk_ or rk_: copy it from Stripe dashboard → Developers → API keys.',
      'secretKey',
    );
  const base = String(connection.apiBaseUrl ?? '').trim() || 'https://api.stripe.com';
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new PaymentError(
      'invalid_setting',
      `Stripe API base URL "${base}" is not a URL: leave it at https://api.stripe.com.`,
      'apiBaseUrl',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new PaymentError('invalid_setting', `Stripe API base URL must be http(s), got "${base}".`, 'apiBaseUrl');
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  return new Stripe(key, {
    host: url.hostname,
    port: url.port ? Number(url.port) : protocol === 'https' ? 443 : 80,
    protocol,
    maxNetworkRetries: 2,
  });
}
