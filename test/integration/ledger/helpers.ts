/** Shared set-up for the ledger integration tests: temp SQLite files and throwaway PostgreSQL schemas. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { buildSync } from 'esbuild';
import { Client } from 'pg';
import type { LedgerConfig } from '../../../core/ledger';

export const PG_URL = process.env.SUPPORTGATE_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** A database the test owns: its ledger config, raw SQL access beside the ledger, and cleanup. */
export interface TestDatabase {
  config: LedgerConfig;
  /** Runs SQL outside the ledger (tampering, integrity checks); returns the rows. */
  raw(sql: string): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

export function sqliteDatabase(label: string): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), `sg-ledger-${label}-`));
  const path = join(dir, 'ledger.db');
  return {
    config: { kind: 'sqlite', path },
    async raw(sql) {
      const db = new DatabaseSync(path);
      try {
        db.exec('PRAGMA busy_timeout = 15000');
        const stmt = db.prepare(sql);
        return stmt.columns().length > 0 ? (stmt.all() as Record<string, unknown>[]) : (stmt.run(), []);
      } finally {
        db.close();
      }
    },
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresDatabase(label: string): TestDatabase {
  const schema = `sg_ledger_${label}_${process.pid}_${Date.now().toString(36)}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const withClient = async <T>(fn: (c: Client) => Promise<T>): Promise<T> => {
    const c = new Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  return {
    config: { kind: 'postgres', connectionString: PG_URL, schema },
    raw: (sql) => withClient(async (c) => (await c.query(sql)).rows),
    dispose: () => withClient(async (c) => void (await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`))),
  };
}

/** Bundles a worker script to plain JS (kysely is ESM-only; esbuild makes one CJS file to fork). */
export function bundleWorker(entry: string): { file: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sg-ledger-worker-'));
  const file = join(dir, 'worker.js');
  buildSync({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node24', format: 'cjs', outfile: file, logLevel: 'silent' });
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
