/** SupportEmail builders for the gate tests. */
import type { SupportEmail } from '../../../core/email/types';

let n = 0;
export const AUTH = {
  pass: (domain: string) =>
    `mx.agency.fr; spf=pass smtp.mailfrom=${domain}; dkim=pass header.d=${domain}; dmarc=pass header.from=${domain}`,
  fail: (domain: string) =>
    `mx.agency.fr; spf=fail smtp.mailfrom=${domain}; dkim=fail header.d=${domain}; dmarc=fail header.from=${domain}`,
};

export function mail(
  over: Partial<SupportEmail> & { fromAddress?: string; toAddress?: string | string[]; authResults?: string } = {},
): SupportEmail {
  const { fromAddress, toAddress, authResults, ...rest } = over;
  const from = fromAddress ?? 'anna@client.fr';
  const to = ([] as string[]).concat(toAddress ?? 'support@agency.fr');
  return {
    source: 'rfc822',
    messageId: `<m${++n}.${Date.now()}@client.fr>`,
    messageIdSynthetic: false,
    references: [],
    from: { address: from, name: 'Anna' },
    to: to.map((address) => ({ address, name: '' })),
    cc: [],
    replyTo: [],
    subject: `Problem number ${n}`,
    text: `Something different happens in case ${n} with the export module ${n * 7}.`,
    textTruncated: false,
    textIsPreview: false,
    attachments: { count: 0, items: [] },
    auth: { authenticationResults: [authResults ?? AUTH.pass(from.split('@')[1]!)], arcAuthenticationResults: [], order: 'all' },
    headers: {},
    language: 'en',
    ...rest,
  };
}
