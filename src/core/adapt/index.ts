// The query adapter: a linear map on query embeddings, trained on the workspace's own pairs.
export { adaptWorkspace, adapterHelps, DEFAULT_ADAPT_PAIRS, MIN_ADAPT_PAIRS } from './run';
export type { AdaptOutcome } from './run';
export { applyMatrix, identityMatrix } from './linear';
export { adapterFile, loadAdapter, saveAdapter } from './persist';
export type { LoadedAdapter } from './persist';
export { trainAdapter, validationNdcg } from './train';
export { trainInWorker } from './trainInWorker';
export * from './types';
