/**
 * Small knowledge graphs for the goal parser's tests, written here (never the
 * shipped roadmaps) so the tests keep their meaning while content changes.
 * Only what the parser reads is filled in: ids, titles, aliases, learner
 * phrases (`says`), descriptions, prerequisites and goal targets.
 */
import type { Concept, Goal, KnowledgeGraph } from '../../src/core/graph/types.ts';

export interface ConceptSpec {
  id: string;
  title: string;
  description: string;
  aliases?: string[];
  says?: string[];
  requires?: string[];
}

export interface GoalSpec {
  id: string;
  title: string;
  description: string;
  aliases?: string[];
  says?: string[];
  targets: string[];
}

export function makeGraph(concepts: ConceptSpec[], goals: GoalSpec[] = []): KnowledgeGraph {
  const conceptMap = new Map<string, Concept>(
    concepts.map((c) => [
      c.id,
      {
        id: c.id,
        title: c.title,
        description: c.description,
        aliases: c.aliases ?? [],
        says: c.says ?? [],
        domains: ['test'],
        difficulty: 2,
        bloom: 'understand',
        requires: c.requires ?? [],
        requiresAnyOf: [],
        quiz: [],
      },
    ]),
  );
  const goalMap = new Map<string, Goal>(goals.map((g) => [g.id, { ...g, aliases: g.aliases ?? [], says: g.says ?? [], phases: [], levels: [], occupations: [] }]));
  return { concepts: conceptMap, goals: goalMap, resources: new Map(), resourcesByConcept: new Map(), quizItems: new Map() };
}

/** A catalogue shaped like a real one: careers on data and the web, and the skills under them. */
export const CATALOGUE = makeGraph(
  [
    { id: 'python', title: 'Python', aliases: ['py', 'python3'], description: 'The Python programming language: syntax, data types, functions, modules and the standard library.' },
    { id: 'sql', title: 'SQL', aliases: ['structured query language', 'databases queries'], description: 'Querying relational databases: SELECT, joins, grouping and aggregates.' },
    { id: 'git', title: 'Git', aliases: ['version control', 'github'], description: 'Version control with Git: commits, branches, merges and pull requests.' },
    { id: 'linux', title: 'Linux command line', aliases: ['shell', 'bash', 'terminal'], description: 'Working in a Unix shell: files, processes, pipes and permissions.' },
    { id: 'html', title: 'HTML', aliases: ['html5'], description: 'The structure of web pages: elements, forms, semantics and accessibility.' },
    { id: 'css', title: 'CSS', aliases: ['css3', 'stylesheets'], description: 'Styling web pages built with HTML: selectors, the box model, flexbox, grid and responsive layout.', requires: ['html'] },
    { id: 'javascript', title: 'JavaScript', aliases: ['JS', 'ecmascript'], description: 'The language of the browser: values, functions, objects, the DOM and async code.', requires: ['html'] },
    { id: 'typescript', title: 'TypeScript', aliases: ['TS'], description: 'JavaScript with static types: interfaces, generics and type narrowing.', requires: ['javascript'] },
    { id: 'react', title: 'React', aliases: ['ReactJS'], description: 'Building user interfaces from components with state, props and hooks.', requires: ['javascript', 'css'] },
    { id: 'nodejs', title: 'Node.js', aliases: ['node'], description: 'Running JavaScript on the server: modules, npm, the event loop and HTTP servers.', requires: ['javascript'] },
    { id: 'rest-apis', title: 'REST APIs', aliases: ['web APIs', 'HTTP APIs'], description: 'Designing and building HTTP APIs: resources, verbs, status codes and versioning.', requires: ['nodejs'] },
    { id: 'docker', title: 'Docker', aliases: ['containers', 'containerization'], description: 'Packaging applications into container images and running them.', requires: ['linux'] },
    { id: 'kubernetes', title: 'Kubernetes', aliases: ['k8s'], description: 'Orchestrating containers across a cluster: pods, deployments and services.', requires: ['docker'] },
    { id: 'ci-cd', title: 'CI/CD', aliases: ['continuous integration', 'continuous delivery', 'deployment pipelines'], description: 'Automating builds, tests and deployments on every change.', requires: ['git'] },
    { id: 'statistics', title: 'Statistics', aliases: ['stats'], description: 'Describing data and drawing conclusions: distributions, estimation, hypothesis tests.', requires: ['probability'] },
    { id: 'probability', title: 'Probability', description: 'Random events, random variables, expectation and Bayes rule.' },
    { id: 'linear-algebra', title: 'Linear Algebra', description: 'Vectors, matrices, linear maps and eigenvalues, as used in machine learning.' },
    { id: 'pandas', title: 'pandas', aliases: ['dataframes'], description: 'Tabular data analysis in Python with DataFrames: loading, cleaning, grouping and joining.', requires: ['python'] },
    { id: 'data-visualization', title: 'Data Visualization', aliases: ['charts', 'dashboards', 'dataviz'], description: 'Turning data into charts and dashboards that answer questions.', requires: ['pandas'] },
    { id: 'machine-learning', title: 'Machine Learning', aliases: ['ML'], description: 'Learning models from data: supervised learning, evaluation, overfitting and features.', requires: ['statistics', 'linear-algebra', 'python'] },
    { id: 'linear-regression', title: 'Linear Regression', description: 'Fitting a line to data with least squares; the first supervised model.', requires: ['statistics'] },
    { id: 'deep-learning', title: 'Deep Learning', aliases: ['neural networks'], description: 'Training neural networks with backpropagation; CNNs and transformers.', requires: ['machine-learning'] },
    { id: 'excel', title: 'Spreadsheets', aliases: ['Excel', 'Google Sheets'], description: 'Formulas, pivot tables and charts in spreadsheets.' },
  ],
  [
    { id: 'data-scientist', title: 'Data Scientist', aliases: ['data science'], description: 'Answer questions with data: statistics, Python, machine learning and communicating results.', targets: ['machine-learning', 'data-visualization', 'sql'] },
    { id: 'data-analyst', title: 'Data Analyst', aliases: ['business intelligence analyst', 'BI analyst'], description: 'Turn business data into reports and dashboards with SQL, spreadsheets and statistics.', targets: ['sql', 'excel', 'data-visualization', 'statistics'] },
    { id: 'machine-learning-engineer', title: 'Machine Learning Engineer', aliases: ['ML engineer', 'MLE'], description: 'Build, ship and run machine learning models in production.', targets: ['deep-learning', 'docker'] },
    { id: 'frontend-developer', title: 'Frontend Developer', aliases: ['front-end developer', 'web developer'], description: 'Build websites and web apps people use in the browser: HTML, CSS, JavaScript and React.', targets: ['react', 'typescript'] },
    { id: 'backend-developer', title: 'Backend Developer', aliases: ['back-end developer', 'server-side developer'], description: 'Write the server side of applications: APIs, databases and services.', targets: ['rest-apis', 'sql'] },
    { id: 'full-stack-developer', title: 'Full-Stack Developer', aliases: ['fullstack developer'], description: 'Build whole web applications, from the browser to the server and database.', targets: ['react', 'rest-apis', 'sql'] },
    { id: 'devops-engineer', title: 'DevOps Engineer', aliases: ['site reliability engineer', 'SRE'], description: 'Automate deployments and run infrastructure: containers, CI/CD, cloud and monitoring.', targets: ['kubernetes', 'ci-cd'] },
  ],
);
