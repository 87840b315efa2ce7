/**
 * Migration 5, PostgreSQL only: the debit and the opening of a request as server-side functions,
 * so each is one statement (one round trip, its own transaction when run alone) instead of a
 * BEGIN, a locking read, the writes and a COMMIT sent one by one. They keep the rules of
 * money.ts move() and tickets.ts openRequest() (SQLite still runs those): the account row is
 * locked first, the idempotency key is looked up after the lock, the journal row and the
 * balance change in the same statement. CREATE OR REPLACE: a later change is a new migration.
 */
import { sql, type Kysely } from 'kysely';
import { SIGNATURE_SIZE } from './sketch';

/**
 * One movement, as move() does it. Each statement of a plpgsql function takes a fresh snapshot,
 * so the key lookup after the FOR UPDATE sees a concurrent mover's committed row.
 */
const LEDGER_MOVE = `
CREATE OR REPLACE FUNCTION ledger_move(
  p_account text, p_kind text, p_credits integer, p_key text, p_actor text, p_note text,
  p_ticket text, p_payment_request text, p_entry_id text, p_at text,
  OUT status text, OUT balance integer, OUT entry_id text, OUT credits integer, OUT used_account text, OUT used_kind text)
LANGUAGE plpgsql AS $$
DECLARE
  a accounts%ROWTYPE;
  j journal%ROWTYPE;
  delta integer;
BEGIN
  SELECT * INTO a FROM accounts WHERE id = p_account FOR UPDATE;
  IF NOT FOUND THEN status := 'unknown_account'; RETURN; END IF;
  SELECT * INTO j FROM journal WHERE project_id = a.project_id AND idempotency_key = p_key;
  IF FOUND THEN
    IF j.account_id <> p_account OR j.kind <> p_kind THEN
      status := 'conflict'; used_account := j.account_id; used_kind := j.kind; RETURN;
    END IF;
    status := 'already_done'; balance := j.balance_after; entry_id := j.id; credits := abs(j.credits); RETURN;
  END IF;
  IF p_kind = 'debit' AND a.balance < p_credits THEN status := 'insufficient'; balance := a.balance; RETURN; END IF;
  -- Outgoing movements never overdraw: revokes, refunds and expiries clamp at zero.
  delta := CASE WHEN p_kind IN ('debit', 'revoke', 'refund', 'expire') THEN -least(p_credits, a.balance) ELSE p_credits END;
  INSERT INTO journal (id, project_id, account_id, seq, kind, credits, balance_after, idempotency_key, ticket_id, payment_request_id, actor, note, created_at)
    VALUES (p_entry_id, a.project_id, p_account, a.entries + 1, p_kind, delta, a.balance + delta, p_key, p_ticket, p_payment_request, p_actor, p_note, p_at);
  UPDATE accounts SET balance = a.balance + delta, entries = a.entries + 1 WHERE id = p_account;
  status := 'done'; balance := a.balance + delta; entry_id := p_entry_id; credits := abs(delta);
END $$`;

/** decodeSignature of core/tickets: big-endian uint32s. Malformed base64 is no evidence (empty). */
const LEDGER_SKETCH = `
CREATE OR REPLACE FUNCTION ledger_sketch(signature text) RETURNS bigint[]
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE b bytea;
BEGIN
  IF signature IS NULL OR signature !~ '^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$' THEN RETURN '{}'; END IF;
  b := decode(signature, 'base64');
  RETURN ARRAY(SELECT (get_byte(b, i)::bigint << 24) | (get_byte(b, i + 1) << 16) | (get_byte(b, i + 2) << 8) | get_byte(b, i + 3)
    FROM generate_series(0, length(b) - 4, 4) AS i ORDER BY i);
END $$`;

/** signatureSimilarity of core/tickets: among the k smallest hashes of the union, the share in both. */
const LEDGER_SKETCH_SIMILARITY = `
CREATE OR REPLACE FUNCTION ledger_sketch_similarity(x bigint[], y bigint[]) RETURNS double precision
LANGUAGE sql IMMUTABLE AS $$
  WITH xs AS (SELECT DISTINCT v FROM unnest(x) AS v),
       ys AS (SELECT DISTINCT v FROM unnest(y) AS v),
       u AS (SELECT v FROM xs UNION SELECT v FROM ys ORDER BY v LIMIT ${SIGNATURE_SIZE})
  SELECT CASE WHEN cardinality(x) = 0 OR cardinality(y) = 0 THEN 0::double precision
    ELSE (SELECT count(*) FROM u WHERE v IN (SELECT v FROM xs) AND v IN (SELECT v FROM ys))::double precision / (SELECT count(*) FROM u) END
$$`;

/**
 * openRequest in one statement; r is the request as tickets.ts prepares it (ids and time chosen by
 * the caller). Answers jsonb: { error } for the caller to raise, or the outcome with its ticket row.
 */
const LEDGER_OPEN_REQUEST = `
CREATE OR REPLACE FUNCTION ledger_open_request(r jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  proj projects%ROWTYPE;
  acc accounts%ROWTYPE;
  paid journal%ROWTYPE;
  t tickets%ROWTYPE;
  dup record;
  mv record;
  since text := r->>'duplicateSince';
  body bigint[];
BEGIN
  SELECT * INTO proj FROM projects WHERE id = r->>'project' OR name = r->>'project' LIMIT 1;
  IF NOT FOUND THEN RETURN jsonb_build_object('error', 'unknown_project'); END IF;
  -- The account row is the lock: one account's requests are decided one at a time.
  SELECT * INTO acc FROM accounts WHERE id = r->>'accountId' FOR UPDATE;
  IF NOT FOUND OR acc.project_id <> proj.id THEN RETURN jsonb_build_object('error', 'unknown_account', 'projectId', proj.id); END IF;

  -- Handled before (a retry, a second delivery): answer from what was done, never charge again.
  SELECT * INTO paid FROM journal WHERE project_id = proj.id AND idempotency_key = r->>'key';
  IF FOUND THEN
    IF paid.kind <> 'debit' OR paid.account_id <> acc.id THEN
      RETURN jsonb_build_object('error', 'idempotency_conflict', 'kind', paid.kind, 'account', paid.account_id);
    END IF;
    RETURN jsonb_build_object('outcome', 'already_debited', 'balance', paid.balance_after, 'entryId', paid.id,
      'ticket', (SELECT to_jsonb(x) FROM tickets x WHERE x.id = paid.ticket_id));
  END IF;
  SELECT tk.* INTO t FROM ticket_messages m JOIN tickets tk ON tk.id = m.ticket_id
    WHERE m.project_id = proj.id AND m.message_id = r->>'messageId';
  IF FOUND THEN RETURN jsonb_build_object('outcome', 'linked', 'balance', acc.balance, 'ticket', to_jsonb(t)); END IF;

  IF since IS NOT NULL THEN
    body := ledger_sketch(r->>'bodySignature');
    SELECT * INTO dup FROM (
      SELECT to_jsonb(tk) AS ticket, tk.id, tk.number, f.created_at AS fp_at, f.ticket_id,
        (r->>'subjectFingerprint' <> '' AND f.subject_fingerprint = r->>'subjectFingerprint') AS same_subject,
        ledger_sketch_similarity(ledger_sketch(f.body_signature), body) AS similarity
      FROM ticket_fingerprints f JOIN tickets tk ON tk.id = f.ticket_id
      WHERE f.account_id = acc.id AND f.created_at >= since AND tk.status IN (SELECT jsonb_array_elements_text(r->'openStatuses'))
      ORDER BY f.created_at DESC, f.ticket_id LIMIT 100) c
    WHERE c.same_subject OR c.similarity >= (r->>'threshold')::double precision
    ORDER BY c.fp_at DESC, c.ticket_id LIMIT 1;
    IF FOUND THEN
      INSERT INTO ticket_messages (project_id, message_id, ticket_id, created_at) VALUES (proj.id, r->>'messageId', dup.id, r->>'at');
      RETURN jsonb_build_object('outcome', 'duplicate', 'balance', acc.balance, 'ticket', dup.ticket,
        'duplicateOf', jsonb_build_object('ticketId', dup.id, 'number', dup.number, 'by', CASE WHEN dup.same_subject THEN 'subject' ELSE 'body' END, 'similarity', dup.similarity));
    END IF;
  END IF;

  IF acc.balance < 1 AND NOT (r->>'hold')::boolean THEN RETURN jsonb_build_object('outcome', 'no_credit', 'balance', acc.balance); END IF;
  -- As insertTicket: the project's counter row numbers the ticket, then its message, history and fingerprint.
  UPDATE projects SET ticket_seq = ticket_seq + 1 WHERE id = proj.id RETURNING ticket_seq INTO proj.ticket_seq;
  INSERT INTO tickets (id, project_id, number, account_id, sender, subject, category, urgency, summary, status, message_id,
      created_at, updated_at, provider_message_id, provider_thread_id, mail_source)
    VALUES (r->>'ticketId', proj.id, proj.ticket_seq, acc.id, r->>'sender', r->>'subject', r->>'category', r->>'urgency', r->>'summary',
      CASE WHEN acc.balance < 1 THEN 'waiting_payment' ELSE 'new' END, r->>'messageId',
      r->>'at', r->>'at', r->>'providerMessageId', r->>'threadId', r->>'mailSource')
    RETURNING * INTO t;
  INSERT INTO ticket_messages (project_id, message_id, ticket_id, created_at) VALUES (proj.id, t.message_id, t.id, t.created_at);
  INSERT INTO ticket_status_history (id, ticket_id, from_status, to_status, actor, note, created_at)
    VALUES (r->>'historyId', t.id, NULL, t.status, r->>'actor', NULL, t.created_at);
  INSERT INTO ticket_fingerprints (ticket_id, project_id, account_id, subject_fingerprint, body_signature, created_at)
    VALUES (t.id, proj.id, acc.id, coalesce(r->>'subjectFingerprint', ''), coalesce(r->>'bodySignature', ''), t.created_at);
  IF acc.balance < 1 THEN RETURN jsonb_build_object('outcome', 'no_credit', 'balance', acc.balance, 'ticket', to_jsonb(t), 'created', true); END IF;

  SELECT * INTO mv FROM ledger_move(acc.id, 'debit', 1, r->>'key', r->>'actor', 'ticket ' || t.number, t.id, NULL, r->>'entryId', r->>'at');
  IF mv.status <> 'done' THEN
    RAISE EXCEPTION 'debit of % did not apply (%) although the locked balance was %', r->>'key', mv.status, acc.balance;
  END IF;
  RETURN jsonb_build_object('outcome', 'debited', 'balance', mv.balance, 'entryId', mv.entry_id, 'ticket', to_jsonb(t), 'created', true);
END $$`;

/** Migration 8: ledger_move again, with 'expire' among the outgoing kinds. */
export const PG_LEDGER_MOVE = LEDGER_MOVE;

export const PG_FUNCTIONS = [LEDGER_MOVE, LEDGER_SKETCH, LEDGER_SKETCH_SIMILARITY, LEDGER_OPEN_REQUEST];

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function postgresFunctions(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect !== 'postgres') return; // SQLite runs the TypeScript path in-process: no round trips to save
  for (const fn of PG_FUNCTIONS) await sql.raw(fn).execute(db);
}
