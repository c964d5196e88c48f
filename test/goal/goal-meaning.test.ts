import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { GoalParser } from '../../src/core/goal/goal-parser.ts';
import { SemanticIndex, wordForms } from '../../src/core/goal/goal-semantic.ts';
import { wantsRole, words } from '../../src/core/goal/goal-text.ts';
import { decodeWordVectors } from '../../src/core/goal/word-vectors.ts';
import { readPlainWords, semanticTexts, withoutCode } from '../../src/embeddings/goal-texts-file.ts';
import { lazyWordVectors, WORD_VECTORS_FILE } from '../../src/embeddings/word-vectors-file.ts';
import { lazySemanticIndex } from '../../src/embeddings/semantic-index.ts';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { loadRoadmaps } from '../../src/roadmaps/roadmap-files.ts';
import { fixtureGraph } from '../support/fixture-graph.ts';
import { fixtureCatalogue } from '../support/fixture-catalogue.ts';
import { makeGraph } from './fixture-graph.ts';

const vectors = lazyWordVectors();

function parser() {
  const graph = fixtureGraph();
  let built = 0;
  const semantic = () => {
    built++;
    return SemanticIndex.build(graph, vectors(), semanticTexts(graph, fixtureCatalogue()));
  };
  let index: SemanticIndex | undefined;
  const p = new GoalParser(graph, { semantic: () => (index ??= semantic()) });
  return { p, builds: () => built };
}

describe('goals understood by meaning', () => {
  it('knows the everyday English words by their frequency in the word vectors: "rest" and "go" are, "python" and "docker" are not', () => {
    const p = new GoalParser(fixtureGraph(), { frequencyRank: (w) => vectors().indexOf(w) });
    for (const w of ['rest', 'go', 'next', 'the']) expect(p.isEverydayWord(w), w).toBe(true);
    for (const w of ['python', 'docker', 'spark', 'sql', 'statistics', 'zzqx']) expect(p.isEverydayWord(w), w).toBe(false);
    // Without word frequencies no word is everyday (names count as they always did).
    expect(new GoalParser(fixtureGraph()).isEverydayWord('rest')).toBe(false);
  });

  it('finds a skill described without its name', () => {
    const { p } = parser();
    expect(p.parse('package my service so it runs the same on every machine').match).toBe('docker');
  });

  it('with namesOnly reads the names said and never the meaning (for text that is no goal statement)', () => {
    const { p, builds } = parser();
    expect(p.parse('package my service so it runs the same on every machine', { namesOnly: true }).match).toBeNull();
    expect(p.parse('help me with docker', { namesOnly: true }).match).toBe('docker');
    expect(p.parse('dokcer', { namesOnly: true }).match).toBe('docker');
    expect(builds()).toBe(0);
  });

  it('finds a role from the work O*NET says it does', () => {
    const { p } = parser();
    const r = p.parse('I want a job producing periodic reports that summarize business data for executives');
    expect(r.candidates[0]?.id).toBe('data-analyst');
  });

  it('still says nothing fits for text outside the domain', () => {
    const { p } = parser();
    for (const text of ['how do I bake sourdough bread', 'I want to become a pastry chef', 'train my dog to sit', 'asdfgh qwerty']) {
      expect(p.parse(text).match, text).toBeNull();
    }
    expect(p.parse('how do I knit a scarf').candidates).toEqual([]);
  });

  it('reads the word vectors only when a phrase names nothing it knows', () => {
    const { p, builds } = parser();
    expect(p.parse('learn docker').match).toBe('docker');
    expect(builds()).toBe(0);
    p.parse('put my programs in portable boxes');
    p.parse('something else entirely');
    expect(builds()).toBe(1);
  });

  it('the shipped parser keeps names first and meaning second', () => {
    const graph = loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps')).graph;
    const p = new GoalParser(graph, { semantic: lazySemanticIndex(graph) });
    expect(p.parse('learn kubernetes').match).toBe('kubernetes');
    expect(p.parse('group our customers into segments that behave alike').match).toBe('clustering');
  });

  it('every plain-words entry names a node of the shipped roadmaps', () => {
    const graph = loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps')).graph;
    const unknown = Object.keys(readPlainWords()).filter((id) => !graph.goals.has(id) && !graph.concepts.has(id));
    expect(unknown).toEqual([]);
  });

  it('refuses a word-vector file that is not one, or is cut short', () => {
    const bytes = readFileSync(WORD_VECTORS_FILE);
    expect(() => decodeWordVectors(bytes.subarray(0, bytes.length - 10))).toThrow(/truncated/);
    expect(() => decodeWordVectors(Buffer.from('hello world, not vectors'))).toThrow(/not a Pathwise word-vector file/);
    const v = decodeWordVectors(bytes);
    const row = v.indexOf('docker');
    expect(row).toBeGreaterThanOrEqual(0);
    let norm = 0;
    for (let d = 0; d < v.dims; d++) norm += v.matrix[row * v.dims + d]! ** 2;
    expect(norm).toBeCloseTo(1, 5);
  });
});

describe('thin evidence', () => {
  const graph = loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps')).graph;
  const p = new GoalParser(graph, { semantic: lazySemanticIndex(graph) });

  it('one everyday word is not enough to go on, even when it is in many descriptions', () => {
    expect(p.parse('data').match).toBeNull();
  });

  it('one word of a longer phrase that a node happens to use is not a match ("blue" of blue-green deployment)', () => {
    expect(p.parse('why is the sky blue').match).toBeNull();
  });
});

describe('learner phrases and what a learner notices', () => {
  const shipped = loadRoadmaps(join(PACKAGE_ROOT, 'roadmaps')).graph;
  const p = new GoalParser(shipped, { semantic: lazySemanticIndex(shipped) });

  it('a node is found by what a learner says they want to do, written in its `says`', () => {
    const concepts = [
      { id: 'git', title: 'Git version control', description: 'Tracking changes with Git - commits, branches, merging and remotes.' },
      { id: 'docker', title: 'Docker', description: 'Packaging applications with their dependencies into containers.' },
      { id: 'sql', title: 'SQL', description: 'Querying relational data with SELECT, joins and aggregates.' },
    ];
    const phrase = 'go back to an older version of my files after a mistake';
    const without = makeGraph(concepts);
    const withSays = makeGraph(concepts.map((c) => (c.id === 'git' ? { ...c, says: ['roll back to an earlier version of my files', 'undo mistakes in my project'] } : c)));
    const parse = (graph: typeof without) => new GoalParser(graph, { semantic: () => SemanticIndex.build(graph, vectors()) }).parse(phrase);
    expect(parse(without).match).toBeNull();
    expect(parse(withSays).match).toBe('git');
  });

  it('finds skills and roles described in plain words', () => {
    expect(p.parse('make my chatbot answer from our help centre articles').match).toBe('retrieval-augmented-generation');
    expect(p.parse('sort a list of numbers quickly').match).toBe('sorting-algorithms');
  });

  it('"I want to be the one who …" asks for a role: only a goal answers', () => {
    expect(wantsRole(words('I want to be the one who keeps our company safe from hackers'))).toBe(true);
    expect(wantsRole(words('be the one thing I learn this year'))).toBe(false);
    const r = p.parse('I want to be the one who keeps our company safe from hackers');
    expect(r.match).toBe('security-engineer');
    expect(r.candidates.every((c) => c.kind === 'goal')).toBe(true);
  });

  it('meaning overrules a name that explains little of the phrase, and never one said plainly', () => {
    const phrase = 'deploy to production automatically once automated testing passes';
    // Names alone pick a node whose name the phrase says in part ("automated testing", "deploy").
    expect(['testing-fundamentals', 'cloud-deployment']).toContain(new GoalParser(shipped).parse(phrase).match);
    expect(p.parse(phrase).match).toBe('ci-cd');
    expect(p.parse('automated testing').match).toBe('testing-fundamentals');
  });

  it('out-of-domain text still gets no match', () => {
    for (const text of ['learn to swim butterfly', 'how do I cook pasta carbonara', 'fix a leaking kitchen tap', 'become a pilot', 'organise my wardrobe', 'write a best man speech', '{"$gt": ""}']) {
      expect(p.parse(text).match, text).toBeNull();
    }
  });

  it('a name said only in part stands only when the phrase means it too, and plain words are not split into names', () => {
    expect(p.parse('budget').match).toBe('aws-cost-management');
    expect(p.parse('set a budget alert on my aws bill').match).toBe('aws-cost-management');
    // "budget" is half of the alias "AWS Budgets", but a wedding is not an AWS question.
    expect(p.parse('plan a wedding on a small budget').match).toBeNull();
    // "birds" used to split into "bi" + "rds" (Power BI, Amazon RDS) and match AWS databases.
    expect(p.parse('take better photos of birds').match).toBeNull();
    expect(p.parse('learn powerbi').match).toBe('dashboards');
    // Written together, the words of one name still split: "cicd" is CI/CD, "mlengineer" the ML engineer goal.
    expect(p.parse('cicd').match).toBe('ci-cd');
    expect(p.parse('mlengineer').match).toBe('machine-learning-engineer');
  });

  it('a role word alone is enough when it points at one goal, and asks when it fits several', () => {
    expect(p.parse('I want to become a sysadmin').match).toBe('devops-engineer');
    const engineer = p.parse('I want to become an engineer');
    expect(engineer.match).toBeNull();
    expect(engineer.candidates.filter((c) => c.kind === 'goal').length).toBeGreaterThanOrEqual(3);
  });

  it('a name said in full beats a name said in part that scores about the same', () => {
    // "data" of Data engineer and its phrases about analysts once outweighed "data analyst" said outright.
    expect(new GoalParser(shipped).parse('what should I learn to become a data analyst').match).toBe('data-analyst');
    expect(p.parse('become a data analyst').match).toBe('data-analyst');
    // Far behind, a name said in full does not win: "APIs" is no request for API Gateway.
    expect(p.parse('I want to write server side code and APIs').match).toBe('backend-developer');
  });

  it('a word for the person who practises a subject names a career, and a clipped word is read in full', () => {
    // "statistician" shares its first letters with Statistics, but the learner names a job, which Data scientist's phrases say.
    expect(p.parse('statistician').match).toBe('data-scientist');
    expect(p.parse('I want to become a statistician').match).toBe('data-scientist');
    expect(p.parse('statistics').match).toBe('statistics');
    // "quant" is in neither the vectors nor the roadmaps; "quantitative" is.
    expect(wordForms('quant')).toContain('quantitative');
    expect(p.parse('become a quant analyst').match).toBe('data-scientist');
  });

  it('offers the node a described phrase means even when another shares one striking word with it', () => {
    // "servers" and "traffic" sit closest to load balancing; Kubernetes explains more of the phrase and must be among the choices.
    const r = p.parse('keep my services running across many servers and scale them up when traffic grows');
    expect(r.candidates.slice(0, 3).map((c) => c.id)).toContain('kubernetes');
    expect(p.parse('helm charts').match).toBe('kubernetes');
    expect(p.parse('make a bar chart of sales').match).toBe('data-visualization');
  });

  it('offers no candidate by meaning on one everyday word either ("no idea" is not a hint of Git)', () => {
    expect(p.parse('no idea')).toEqual({ match: null, candidates: [] });
  });

  it('reads an unknown word in its American or plain form, and no code from a quiz question', () => {
    expect(wordForms('analyse')).toContain('analyze');
    expect(wordForms('colour')).toContain('color');
    expect(wordForms('identically')).toContain('identical');
    expect(wordForms('overwriting')).toContain('overwrite');
    expect(withoutCode('Which documents does `db.users.find({ age: { $gt: 30 } })` return?')).not.toContain('gt');
    expect(withoutCode('What does this print?\n```python\nprint(1)\n```\n')).not.toContain('print(');
  });
});

describe('words of one stem', () => {
  const graph = makeGraph([
    { id: 'git', title: 'Git version control', description: 'Tracking changes with Git - commits, branches and merging.' },
  ]);
  const index = SemanticIndex.build(graph, vectors());
  const of = (text: string, id: string) => index.score(text).scores[index.nodes.findIndex((n) => n.id === id)]!;

  it('reads "tracking" in a text as the "track" a learner typed', () => {
    // The vectors put "track" and "tracking" apart (cosine 0.4, under the floor): only the shared stem makes Git speak to "track".
    const i = index.nodes.findIndex((n) => n.id === 'git');
    expect(index.score('track changes').covered[i]).toBe(2);
    expect(of('track changes', 'git')).toBeGreaterThan(0.7);
  });

  it('does not join words that only share a Porter stem ("experience" is not "experiment")', () => {
    const g = makeGraph([{ id: 'tracking', title: 'Experiment tracking', description: 'Log each experiment and its results.' }]);
    const idx = SemanticIndex.build(g, vectors());
    expect(idx.score('experience').covered[0]).toBe(0);
    expect(idx.score('experiments').covered[0]).toBe(1);
  });
});
