import { email as mail, triage } from '../../core';
import { isObject } from '../shared/is-object';

/** Output indexes, in the order of the node's outputNames. */
export const OUTPUT = { support: 0, not_support: 1, needs_review: 2 } as const;
export type OutputIndex = (typeof OUTPUT)[keyof typeof OUTPUT];

export interface InputItem {
  json: Record<string, unknown>;
  binary?: Record<string, { fileName?: string; mimeType?: string; fileSize?: string } | undefined>;
}

export interface RoutedItem {
  output: OutputIndex;
  json: Record<string, unknown>;
}

/** Fields this node writes: dropped from the input first so a re-classified item carries no stale value. */
const OWN_FIELDS = ['classification', 'decidedBy', 'rule', 'promptTokens', 'reviewReason', 'classifierError'] as const;


/**
 * The SupportEmail of an item: the one it already carries under `email` (e.g. after Check Sender
 * Credits), checked against the schema, or the trigger item normalized.
 */
export async function supportEmailOf(item: InputItem): Promise<mail.SupportEmail> {
  if (isObject(item.json.email)) {
    const parsed = mail.supportEmailSchema.safeParse(item.json.email);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = ['email', ...(issue?.path ?? [])].join('.');
      throw new mail.EmailInputError(where, `The item's "email" field is not a SupportEmail (${where}: ${issue?.message ?? 'invalid'}): pass the output of a SupportGate node unchanged, or remove "email" to classify the trigger item itself.`);
    }
    return parsed.data;
  }
  return mail.normalizeAny(item);
}

function isUnavailable(err: unknown): err is triage.ClassifierUnavailableError {
  return err instanceof triage.ClassifierUnavailableError || (err as { code?: string })?.code === 'CLASSIFIER_UNAVAILABLE';
}

/**
 * Classifies one item and picks its output. Only the code decides the route (rules, schema,
 * consistency, threshold); an LLM that fails after retries sends the item to "Needs review",
 * never to a category. Input and configuration errors are thrown for the caller to handle.
 */
export async function classifyItem(item: InputItem, options: triage.ClassifyOptions): Promise<RoutedItem> {
  const email = await supportEmailOf(item);
  const base: Record<string, unknown> = { ...item.json };
  for (const f of OWN_FIELDS) delete base[f];
  base.email = email;

  // A sender's confirmation ("yes, that was me") was classified with its request: it goes on to
  // Debit Credit, which checks the confirmation again against the held ticket before charging.
  if (item.json.confirms === true) {
    return { output: OUTPUT.support, json: { ...base, classification: null, decidedBy: 'confirmation' } };
  }

  // Only an unavailable classifier is handled here; any other error goes on to the caller.
  const result = await triage.classify(email, options).catch((err: unknown) => (isUnavailable(err) ? err : Promise.reject(err)));
  if (isUnavailable(result)) {
    return {
      output: OUTPUT.needs_review,
      json: {
        ...base,
        classification: null,
        decidedBy: 'llm',
        reviewReason: `AI classifier unavailable: ${result.message}`,
        classifierError: { kind: result.causeKind, ...(result.status !== undefined ? { status: result.status } : {}), message: result.message },
      },
    };
  }

  const json: Record<string, unknown> = { ...base, classification: result.classification, decidedBy: result.decidedBy };
  if (result.rule !== undefined) json.rule = result.rule;
  if (result.promptTokens !== undefined) json.promptTokens = result.promptTokens;
  if (result.reviewReason !== undefined) json.reviewReason = result.reviewReason;
  return { output: OUTPUT[result.route], json };
}
