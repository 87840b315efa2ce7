/// <reference path="../../../../gmail-addon/types/apps-script.d.ts" />
/**
 * A UrlFetchApp that performs real, blocking HTTP (through the sync Node fetcher), so the
 * add-on's own url-fetch-fetcher and API client can be pointed at a live server. It keeps the
 * Apps Script behaviours the adapter relies on: contentType becomes the Content-Type header,
 * 4xx/5xx throw unless muteHttpExceptions, and transport failures throw Apps-Script-like messages.
 */
import { FetchFailure } from '../../../../gmail-addon/src/api-client';
import { createNodeSyncFetcher } from './node-sync-fetcher';

export interface RealUrlFetch extends GoogleAppsScript.URL_Fetch.UrlFetchAppApi {
  /** Every call made, in order: what an Apps Script execution transcript would show. */
  calls: Array<{ url: string; status: number }>;
}

export function createRealUrlFetchApp(timeoutMs = 10_000): RealUrlFetch {
  const fetcher = createNodeSyncFetcher(timeoutMs);
  const calls: RealUrlFetch['calls'] = [];
  return {
    calls,
    fetch(url, params) {
      if ((params.method ?? 'get') !== 'post') throw new Error(`This fake only does POST (got ${params.method ?? 'get'})`);
      const headers: Record<string, string> = { ...(params.headers ?? {}) };
      if (params.contentType) headers['Content-Type'] = params.contentType;
      let response: { status: number; body: string };
      try {
        response = fetcher.post({ url, headers, body: params.payload ?? '' });
      } catch (error) {
        // The wording Apps Script uses, which classifyFetchException sorts into timeout/network.
        if (error instanceof FetchFailure)
          throw new Error(error.reason === 'timeout' ? `Timeout: ${url}` : `Address unavailable: ${url} (${error.message})`);
        throw error;
      }
      calls.push({ url, status: response.status });
      if (response.status >= 400 && !params.muteHttpExceptions) {
        throw new Error(
          `Request failed for ${url} returned code ${response.status}. Truncated server response: ${response.body.slice(0, 100)}`,
        );
      }
      return { getResponseCode: () => response.status, getContentText: () => response.body };
    },
  };
}
