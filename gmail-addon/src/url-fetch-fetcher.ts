/// <reference path="../types/apps-script.d.ts" />
/**
 * Fetcher over UrlFetchApp. muteHttpExceptions keeps 4xx/5xx as responses we can explain;
 * UrlFetchApp has no timeout option, so its exceptions ("Timeout: …", "Address unavailable",
 * "DNS error") are sorted into timeout vs. network by their message.
 */
import { FetchFailure, type Fetcher } from './api-client';

export function classifyFetchException(error: unknown): FetchFailure {
  const message = error instanceof Error ? error.message : String(error);
  const reason = /time(d)?\s?out|deadline/i.test(message) ? 'timeout' : 'network';
  return new FetchFailure(reason, message);
}

export function createUrlFetchFetcher(urlFetch: GoogleAppsScript.URL_Fetch.UrlFetchAppApi = UrlFetchApp): Fetcher {
  return {
    post({ url, headers, body }) {
      try {
        const response = urlFetch.fetch(url, {
          method: 'post',
          contentType: 'application/json',
          // contentType sets Content-Type; UrlFetchApp wants it there, not among headers.
          headers: Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-type')),
          payload: body,
          muteHttpExceptions: true,
          followRedirects: true,
        });
        return { status: response.getResponseCode(), body: response.getContentText() };
      } catch (error) {
        throw classifyFetchException(error);
      }
    },
  };
}
