/**
 * The goal parser's semantic index, built the first time a phrase needs it
 * and kept: word vectors, plain-words descriptions and O*NET texts are all
 * read then, not at start-up.
 */
import type { CareerCatalogue } from '../core/career/occupation.ts';
import { SemanticIndex } from '../core/goal/goal-semantic.ts';
import type { WordVectors } from '../core/goal/word-vectors.ts';
import type { KnowledgeGraph } from '../core/graph/types.ts';
import { semanticTexts } from './goal-texts-file.ts';
import { lazyWordVectors } from './word-vectors-file.ts';

export interface SemanticSources {
  vectors?: () => WordVectors;
  /** The career catalogue, when it should speak for the goals (default: none). */
  catalogue?: () => CareerCatalogue;
}

export function lazySemanticIndex(graph: KnowledgeGraph, sources: SemanticSources = {}): () => SemanticIndex {
  let index: SemanticIndex | undefined;
  const vectors = sources.vectors ?? lazyWordVectors();
  return () => (index ??= SemanticIndex.build(graph, vectors(), semanticTexts(graph, sources.catalogue?.())));
}
