// The PostgreSQL + pgvector team store: publish an index as a commit's snapshot, search a snapshot.
export { PgConnection, StoreUnavailableError, redactUrl, safeMessage, type ConnectOptions } from './connection';
export { ensureSchema, schemaSql, SCHEMA_VERSION } from './schema';
export { publishSnapshot, type PublishOptions, type PublishSummary } from './publish';
export { latestSnapshot, snapshotFiles, type SnapshotInfo } from './snapshot';
export { PostgresVectorStore } from './search';
export { validateRow, safeRelativePath } from './rows';
