/** Opens the database behind a ledger: a SQLite file (node:sqlite) or a PostgreSQL pool (pg). */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect } from 'kysely';
import { Pool, type PoolConfig } from 'pg';
import type { LedgerDatabase } from './db-schema';
import { LedgerError } from './errors';
import { NodeSqliteDatabase, NodeSqliteDialect } from './node-sqlite-dialect';
import { redactConnectionString } from './redact';

export type LedgerConfig =
  | { kind: 'sqlite'; path: string }
  | {
      kind: 'postgres';
      connectionString: string;
      ssl?: boolean | { rejectUnauthorized?: boolean; ca?: string };
      /** PostgreSQL schema holding the tables (created if missing); default "public". */
      schema?: string;
      /** Pool size; default 10. */
      maxConnections?: number;
    };

export interface OpenDatabase {
  kind: 'sqlite' | 'postgres';
  db: Kysely<LedgerDatabase>;
  /** Where it points, with any password redacted: for error messages. */
  target: string;
}

export function openSqlite(path: string): OpenDatabase {
  if (typeof path !== 'string' || path.trim() === '') {
    throw new LedgerError('invalid_argument', 'path is required: give the SQLite file of the ledger, e.g. "/data/supportgate.db".', 'path');
  }
  const file = resolve(path);
  const dir = dirname(file);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new LedgerError(
      'database_unreachable',
      `Cannot open SQLite file ${file}: folder ${dir} does not exist. Create it or fix the path.`,
      'path',
    );
  }
  let raw: DatabaseSync;
  try {
    raw = new DatabaseSync(file);
    // WAL: readers never block the writer. synchronous=FULL: a committed movement survives power loss.
    raw.exec('PRAGMA busy_timeout = 15000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
  } catch (e) {
    throw new LedgerError(
      'database_unreachable',
      `Cannot open SQLite file ${file}: ${(e as Error).message}. Check the path and its permissions.`,
      'path',
      { cause: e },
    );
  }
  const db = new Kysely<LedgerDatabase>({ dialect: new NodeSqliteDialect(new NodeSqliteDatabase(raw)) });
  return { kind: 'sqlite', db, target: file };
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export async function openPostgres(config: Extract<LedgerConfig, { kind: 'postgres' }>): Promise<OpenDatabase> {
  const target = redactConnectionString(config.connectionString ?? '');
  if (!config.connectionString) {
    throw new LedgerError(
      'invalid_argument',
      'connectionString is required: give e.g. "postgresql://user:password@host:5432/db".',
      'connectionString',
    );
  }
  const schema = config.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new LedgerError('invalid_argument', `schema "${schema}" is not a plain identifier: use letters, digits and _ only.`, 'schema');
  }
  const poolConfig: PoolConfig = {
    connectionString: config.connectionString,
    max: config.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    options: `-c search_path=${schema}`,
  };
  if (config.ssl !== undefined) poolConfig.ssl = config.ssl;
  const pool = new Pool(poolConfig);
  pool.on('error', () => undefined); // an idle client dropping is reported on its next query instead
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).catch((e: { code?: string }) => {
      // Two processes creating the schema at once: the loser sees a duplicate, which is fine.
      if (e.code !== '23505' && e.code !== '42P06') throw e;
    });
  } catch (e) {
    await pool.end().catch(() => undefined);
    const msg = (e as Error).message.split(config.connectionString).join(target);
    throw new LedgerError(
      'database_unreachable',
      `Cannot reach PostgreSQL at ${target}: ${msg}. Check host, port, credentials and that the server is running.`,
      'connectionString',
      { cause: e },
    );
  }
  const db = new Kysely<LedgerDatabase>({ dialect: new PostgresDialect({ pool }) });
  return { kind: 'postgres', db, target };
}
