// Clusters: k-means + silhouette choice of k, c-TF-IDF labels, representatives, 2-D map layout.
// Pure (no I/O, no model) and deterministic for a seed.
export { computeClusters, clusterRepresentatives } from './clusters';
export type { ClusterInput, ClusterOutput } from './clusters';
export { clusterLabels } from './labels';
export type { ClusterLabel } from './labels';
export { silhouetteScore, cosineDistanceMatrix } from './silhouette';
export { normalizeUnitSquare, robustUnitSquare } from './layout';
export { pcaProject } from './reduce';
export { mulberry32, deriveSeed, sampleIndexes } from './random';
export { dominantPlace, placeLabel } from './placeName';
