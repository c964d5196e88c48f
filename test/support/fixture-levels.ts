/** The fixture graph with career levels on its data-analyst goal (the shipped goals declare theirs in roadmaps/goals/). */
import type { Goal, GoalLevel, KnowledgeGraph } from '../../src/core/graph/types.ts';
import { fixtureGraph } from './fixture-graph.ts';

export function graphWithLevels(): KnowledgeGraph {
  const base = fixtureGraph();
  const da = base.goals.get('data-analyst')!;
  const levels: GoalLevel[] = [
    { id: 'junior-data-analyst', title: 'Junior data analyst', competencies: { sql: 'core', python: 'overview', pandas: 'complete' } },
    { id: 'data-analyst', title: 'Data analyst', competencies: { sql: 'complete', pandas: 'complete' } },
  ];
  const goals = new Map<string, Goal>(base.goals);
  goals.set('data-analyst', { ...da, levels });
  return { ...base, goals };
}
