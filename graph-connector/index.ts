export * from './errors';
export * from './auth';
export * from './client';
export * from './state';
export * from './messages';
export * from './delta';
export * from './subscriptions';
export * from './notifications';
export * from './connector';
export * from './actions';
export * from './https-fetch';
export * from './normalize';

import { setDefaultEmailNormalizer } from './messages';
import { toSupportEmail } from './normalize';
setDefaultEmailNormalizer(toSupportEmail);
