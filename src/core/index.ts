// The engine's one public entry. Front ends import from here and nowhere else in core.
export { createEngine } from './engine';
export type { Engine, EngineMessage, EngineOptions, EngineWatch, SimilarTarget, WatchOptions } from './api';
export * from './types';
export * from './errors';
export { resolveModel, createEmbedder, defaultThreads, findPackageRoot } from './embed';
export type { Embedder, ModelLocation } from './embed/types';
export { workFraction } from './pipeline/eta';
export { ABLATIONS, parseAblations } from './ablation';
export type { AblationSwitch, Ablated } from './ablation';
