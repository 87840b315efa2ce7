/**
 * A local server speaking the OpenAI chat-completions protocol on 127.0.0.1 (ephemeral port).
 * Each request takes the next scripted reply; replies are typed with the SDK's own types.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type OpenAI from 'openai';

export type ScriptedReply =
  | { kind: 'completion'; completion: OpenAI.Chat.Completions.ChatCompletion }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'raw'; status: number; body: string }
  /** Never answers: the client's timeout fires. */
  | { kind: 'hang' };

export interface RecordedRequest {
  path: string;
  body: OpenAI.Chat.Completions.ChatCompletionCreateParams;
}

export interface LocalOpenAI {
  baseURL: string;
  requests: RecordedRequest[];
  /** Replies used in order; the last one repeats when the script runs out. */
  script(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

export function completion(
  content: string | null,
  opts: { refusal?: string; promptTokens?: number; finish?: OpenAI.Chat.Completions.ChatCompletion.Choice['finish_reason'] } = {},
): ScriptedReply {
  const c: OpenAI.Chat.Completions.ChatCompletion = {
    id: 'chatcmpl-local',
    object: 'chat.completion',
    created: 1717747323,
    model: 'local-model',
    choices: [
      {
        index: 0,
        finish_reason: opts.finish ?? 'stop',
        logprobs: null,
        message: { role: 'assistant', content, refusal: opts.refusal ?? null },
      },
    ],
    usage: { prompt_tokens: opts.promptTokens ?? 321, completion_tokens: 60, total_tokens: (opts.promptTokens ?? 321) + 60 },
  };
  return { kind: 'completion', completion: c };
}

export async function startOpenAIServer(): Promise<LocalOpenAI> {
  let replies: ScriptedReply[] = [];
  const requests: RecordedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', body: data ? JSON.parse(data) : {} });
      const reply = replies.length > 1 ? replies.shift()! : replies[0];
      if (!reply) {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'no scripted reply' } }));
        return;
      }
      switch (reply.kind) {
        case 'hang':
          hanging.add(res);
          return;
        case 'completion':
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply.completion));
          return;
        case 'raw':
          res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
          return;
        case 'status':
          res
            .writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
            .end(JSON.stringify(reply.body ?? { error: { message: `status ${reply.status}`, type: 'error' } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...r) => {
      replies = r;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
