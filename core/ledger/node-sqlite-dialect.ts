/**
 * Kysely over Node's built-in `node:sqlite` (no native module to bundle). Kysely's SqliteDialect
 * expects a better-sqlite3-like database; this adapter gives it one, caches prepared statements,
 * and makes every transaction BEGIN IMMEDIATE so writers queue on the lock up front instead of
 * failing at their first write.
 */
import type { DatabaseSync, StatementSync, SQLInputValue } from 'node:sqlite';
import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';

type Params = ReadonlyArray<unknown>;

function bindable(params: Params): SQLInputValue[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p === undefined ? null : (p as SQLInputValue)));
}

class NodeSqliteStatement implements SqliteStatement {
  readonly reader: boolean;
  constructor(private readonly stmt: StatementSync) {
    // StatementSync has no `.reader`: a statement that yields columns is a reader (SELECT, RETURNING).
    this.reader = stmt.columns().length > 0;
  }
  all(parameters: Params): unknown[] {
    return this.stmt.all(...bindable(parameters));
  }
  run(parameters: Params): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.stmt.run(...bindable(parameters));
  }
  iterate(parameters: Params): IterableIterator<unknown> {
    return this.stmt.iterate(...bindable(parameters)) as IterableIterator<unknown>;
  }
}

/** A better-sqlite3-shaped view of a DatabaseSync, with a prepared-statement cache. */
export class NodeSqliteDatabase implements SqliteDatabase {
  private readonly cache = new Map<string, NodeSqliteStatement>();
  constructor(readonly db: DatabaseSync) {}
  prepare(sql: string): SqliteStatement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = new NodeSqliteStatement(this.db.prepare(sql));
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
  close(): void {
    this.cache.clear();
    if (this.db.isOpen) this.db.close();
  }
}

class ImmediateSqliteDriver extends SqliteDriver implements Driver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class NodeSqliteDialect extends SqliteDialect {
  constructor(private readonly database: NodeSqliteDatabase) {
    super({ database });
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.database });
  }
}
