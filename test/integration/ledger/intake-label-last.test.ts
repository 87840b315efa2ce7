/**
 * The label that closes a mail is recorded in the journal BEFORE it is set. The sweeps find
 * unfinished mail by its missing label, so a run killed between the two must leave the mail
 * unlabelled (the sweep drives it again), never labelled with its entry open: no sweep lists a
 * labelled mail, so that entry would stay unfinished for good. `npm run chaos` found the window
 * (a worker killed with -9 right after Gmail set "Awaiting payment").
 */
import type { IDataObject } from 'n8n-workflow';
import { openLedger, type Ledger } from '../../../core/ledger';
import { onceForMail } from '../../../nodes/shared/intake';
import { sqliteDatabase, type TestDatabase } from './helpers';

let db: TestDatabase;
let store: Ledger;

beforeEach(async () => {
  db = sqliteDatabase('label-last');
  store = await openLedger(db.config);
});
afterEach(async () => {
  await store.close();
  await db.dispose();
});

async function decidedMail(messageId: string): Promise<{ entryId: string; json: IDataObject }> {
  const { entry } = await store.journalReceived({ mailbox: 'gmail:project', messageId });
  await store.journalDecided(entry.id, { route: 'payment_link' });
  return { entryId: entry.id, json: { intake: { entryId: entry.id } } };
}

const LABEL = 'label:SupportGate/Awaiting payment' as const;
const labelled = { output: 0, json: {} };

test('a run killed right after Gmail set the last label leaves the mail done', async () => {
  const { entryId, json } = await decidedMail('<killed-after-label@client.fr>');
  let set = false;
  // The label is set, then the process dies: nothing after perform() ever runs.
  void onceForMail(
    store,
    json,
    LABEL,
    () => {
      set = true;
      return new Promise(() => undefined);
    },
    { last: true, repeatable: true },
  );
  for (let i = 0; i < 200 && !set; i++) await new Promise((r) => setTimeout(r, 10));
  expect(set).toBe(true);
  expect(await store.getIntakeEntry(entryId)).toMatchObject({ state: 'done' });
  expect((await store.listIntakeEffects(entryId)).map((e) => [e.effect, e.doneAt !== null])).toEqual([[LABEL, true]]);
});

test('a label Gmail refused leaves the mail unlabelled for the sweep, which sets it on the next run', async () => {
  const { entryId, json } = await decidedMail('<label-refused@client.fr>');
  await expect(
    onceForMail(
      store,
      json,
      LABEL,
      async () => {
        throw new Error('Gmail: 503 The service is currently unavailable.');
      },
      { last: true, repeatable: true },
    ),
  ).rejects.toThrow('503');
  // The entry is closed already; the mail has no label, so the sweep lists it and labels it again.
  let sets = 0;
  await expect(onceForMail(store, json, LABEL, async () => (sets++, labelled), { last: true, repeatable: true })).resolves.toBe(labelled);
  expect(sets).toBe(1);
  expect(await store.getIntakeEntry(entryId)).toMatchObject({ state: 'done' });
});

test('a label another run claimed is set anyway and closes the entry (every copy of the mail needs it)', async () => {
  const { entryId, json } = await decidedMail('<claimed-elsewhere@client.fr>');
  expect(await store.claimEffect(entryId, LABEL)).toBe(true); // a run that died after its claim
  let sets = 0;
  await onceForMail(store, json, LABEL, async () => (sets++, labelled), { last: true, repeatable: true });
  expect(sets).toBe(1);
  expect(await store.getIntakeEntry(entryId)).toMatchObject({ state: 'done' });
});
