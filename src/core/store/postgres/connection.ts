// One connection to the team store: connect and statement timeouts (a dead server never hangs a query), AbortSignal
// cancellation, TLS from the URL's sslmode (pg honours it), and a URL that is never printed with its password.
import type { Client, QueryResultRow } from 'pg';

export interface ConnectOptions {
  /** postgres://user[:password]@host[:port]/db[?sslmode=require|verify-full…]; the password may also come from PGPASSWORD. */
  url: string;
  /** Give up connecting after this long (default 3000 ms). */
  connectTimeoutMs?: number;
  /** Server-side statement_timeout and client-side query timeout (default 15000 ms). */
  statementTimeoutMs?: number;
  signal?: AbortSignal;
}

/** The team store could not be reached or stopped answering: callers fall back to the local index. */
export class StoreUnavailableError extends Error {
  constructor(message: string, readonly cause?: unknown) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/** The URL for messages: the password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  }
}

/** Error text safe to show: no password even if a driver echoed the URL. */
export function safeMessage(err: unknown, url: string): string {
  let text = err instanceof Error ? err.message : String(err);
  try {
    const password = new URL(url).password;
    if (password) text = text.split(decodeURIComponent(password)).join('***').split(password).join('***');
  } catch {
    // an unparsable URL has no password to hide
  }
  return text;
}

export class PgConnection {
  private closed = false;
  /** Settles when the transaction in progress ends (one at a time per connection). */
  private turn: Promise<void> = Promise.resolve();

  private constructor(
    private readonly client: Client,
    readonly url: string,
    private readonly statementTimeoutMs: number,
  ) {}

  static async open(opts: ConnectOptions): Promise<PgConnection> {
    const statementTimeoutMs = opts.statementTimeoutMs ?? 15_000;
    if (!/^postgres(ql)?:\/\//.test(opts.url)) throw new Error(`Not a PostgreSQL URL: ${redactUrl(opts.url)} (expected postgres://…)`);
    // Loaded on first connection: most runs never use a team index, and `pg` costs ~40 ms to load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Client: PgClient } = require('pg') as typeof import('pg');
    const client = new PgClient({
      connectionString: opts.url,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 3000,
      statement_timeout: statementTimeoutMs,
      query_timeout: statementTimeoutMs + 1000,
      application_name: 'semsearch',
    });
    // A socket error after connecting (server gone) surfaces in the next query; without a listener it would crash.
    client.on('error', () => undefined);
    const abort = () => void client.end().catch(() => undefined);
    opts.signal?.addEventListener('abort', abort, { once: true });
    try {
      if (opts.signal?.aborted) throw new Error('cancelled');
      await client.connect();
    } catch (err) {
      await client.end().catch(() => undefined);
      throw new StoreUnavailableError(`Team store ${redactUrl(opts.url)} unreachable: ${safeMessage(err, opts.url)}`, err);
    } finally {
      opts.signal?.removeEventListener('abort', abort);
    }
    return new PgConnection(client, opts.url, statementTimeoutMs);
  }

  /** A parameterized statement; a lost connection or a timeout becomes StoreUnavailableError. */
  async query<R extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = [], signal?: AbortSignal): Promise<R[]> {
    if (this.closed) throw new StoreUnavailableError(`Team store ${redactUrl(this.url)}: connection closed`);
    const abort = () => void this.close();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      return (await this.client.query<R>(sql, params)).rows;
    } catch (err) {
      if (isConnectionError(err) || signal?.aborted) {
        void this.close();
        throw new StoreUnavailableError(`Team store ${redactUrl(this.url)} stopped answering: ${safeMessage(err, this.url)}`, err);
      }
      throw new Error(safeMessage(err, this.url));
    } finally {
      signal?.removeEventListener('abort', abort);
    }
  }

  /** Runs `fn` in a transaction (rolled back when it throws); concurrent callers take turns, never share one. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const before = this.turn;
    let done!: () => void;
    this.turn = new Promise<void>((resolve) => (done = resolve));
    await before;
    try {
      await this.query('BEGIN');
      try {
        const out = await fn();
        await this.query('COMMIT');
        return out;
      } catch (err) {
        if (!this.closed) await this.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } finally {
      done();
    }
  }

  get timeoutMs(): number {
    return this.statementTimeoutMs;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.end().catch(() => undefined);
  }
}

/** Errors that mean the server is gone or too slow, as opposed to a bad statement. */
function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (typeof e?.code === 'string' && /^(08|57P0|53)/.test(e.code)) return true; // connection, shutdown, resources
  if (e?.code === '57014') return true; // statement timeout (query_canceled)
  const m = String(e?.message ?? '');
  return /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|Connection terminated|not queryable|timeout|Client has encountered a connection error/i.test(m);
}
