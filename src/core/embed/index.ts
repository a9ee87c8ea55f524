// Public entry of the embedding module.
export { MODEL_HASH_CACHE_FILE } from './modelHashCache';
export { resolveModel, loadModelLocation, missingModelFiles, sha256File, findPackageRoot, REQUIRED_MODEL_FILES, PACKAGED_MODEL_NAME, MODEL_DIR_ENV } from './resolve';
export type { ResolveModelOptions } from './resolve';
export { createEmbedder, defaultThreads, workerScriptPath } from './embedder';
export { meanPoolNormalize } from './pooling';
export { planBatches, DEFAULT_BATCH_POLICY } from './batching';
export type { BatchPolicy } from './batching';
export { MAX_TOKENS } from './tokenizer';
export type { Embedder, EmbedderOptions, EmbedResult, ModelLocation } from './types';
