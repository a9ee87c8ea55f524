// The engine's one public entry. Front ends import from here and nowhere else in core.
export { createEngine } from './engine';
export type { Engine, EngineMessage, EngineOptions, EngineWatch, PublishRequest, SimilarTarget, WatchOptions } from './api';
export type { TeamOptions, TeamStatus } from './team/session';
export type { PublishSummary } from './store/postgres/publish';
export { redactUrl } from './store/postgres/connection';
export * from './types';
export * from './errors';
export { resolveModel, createEmbedder, defaultThreads, findPackageRoot } from './embed';
export type { Embedder, ModelLocation } from './embed/types';
export { workFraction } from './pipeline/eta';
export { CONTENT_TYPES } from './search/contentType';
export { ABLATIONS, parseAblations } from './ablation';
export type { AblationSwitch, Ablated } from './ablation';
export type { EvalReport, EvalOptions, EvalProgress, EvalPhase, Metrics, MetricsByMode, PairSet } from './eval/types';
export type { AdaptOptions, AdaptReport, AdapterSetting, AdapterStatus, EpochRecord, TrainOptions } from './adapt/types';
export { MIN_GAIN as ADAPTER_MIN_GAIN } from './adapt/types';
