// Errors the front ends can recognise and turn into one actionable message.

/** No complete model folder was found; `message` says what is missing and how to get it. */
export class ModelNotFoundError extends Error {
  readonly code = 'MODEL_NOT_FOUND';
  constructor(message: string, readonly searched: string[] = []) {
    super(message);
    this.name = 'ModelNotFoundError';
  }
}

/** Another process holds the index's writer lock. */
export class IndexLockedError extends Error {
  readonly code = 'INDEX_LOCKED';
  constructor(readonly indexDir: string) {
    super(`The index in ${indexDir} is being written by another process; try again when it finishes.`);
    this.name = 'IndexLockedError';
  }
}

/** An index file is truncated, corrupted, of another format version or of another model. */
export class IndexCorruptError extends Error {
  readonly code = 'INDEX_CORRUPT';
  constructor(message: string) {
    super(message);
    this.name = 'IndexCorruptError';
  }
}

/** The operation was cancelled by the caller. */
export class CancelledError extends Error {
  readonly code = 'CANCELLED';
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

/** The index could not be saved because its disk is full; the last saved index is kept. */
export class DiskFullError extends Error {
  readonly code = 'DISK_FULL';
  constructor(message: string) {
    super(message);
    this.name = 'DiskFullError';
  }
}
