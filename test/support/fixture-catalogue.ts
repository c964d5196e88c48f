/**
 * A small career catalogue for tests (never the shipped O*NET file): two
 * computing occupations linked to the fixture graph's goals, a teacher and
 * an instructional coordinator, and a mapping with one technology not covered.
 */
import type { CareerCatalogue, Occupation, OtherOccupation } from '../../src/core/career/occupation.ts';

const tech = (name: string, inDemand = true) => ({ name, hot: true, inDemand });

const OCCUPATIONS: Occupation[] = [
  {
    code: '15-2051.01',
    title: 'Business Intelligence Analysts',
    description: 'Produce financial and market intelligence by querying data repositories and generating periodic reports.',
    jobZone: 4,
    alternateTitles: ['BI Analyst', 'Reporting Analyst'],
    reportedTitles: ['Data Analyst'],
    tasks: ['Create business intelligence tools or systems, including design of related databases, spreadsheets, or outputs.', 'Generate standard or custom reports summarizing business, financial, or economic data for review by executives.'],
    technologies: [tech('Structured query language SQL'), tech('Microsoft Excel'), tech('Python'), tech('Tableau', false)],
    related: ['15-1244.00'],
  },
  {
    code: '15-1244.00',
    title: 'Network and Computer Systems Administrators',
    description: 'Install, configure, and maintain an organization\'s local area network and servers.',
    jobZone: 4,
    alternateTitles: ['Systems Administrator', 'Sysadmin'],
    reportedTitles: ['IT Administrator'],
    tasks: ['Maintain and administer computer networks and related computing environments.', 'Perform routine network startup and shutdown procedures, and maintain control records.'],
    technologies: [tech('Docker'), tech('Linux'), tech('Microsoft Windows Server')],
    related: ['15-2051.01'],
  },
];

const OTHERS: OtherOccupation[] = [
  {
    code: '25-2031.00',
    title: 'Secondary School Teachers, Except Special and Career/Technical Education',
    jobZone: 4,
    alternateTitles: ['High School Teacher', 'Math Teacher'],
    technologies: ['Microsoft Excel', 'Python'],
    related: ['25-9031.00'],
  },
  { code: '25-9031.00', title: 'Instructional Coordinators', jobZone: 5, alternateTitles: ['Curriculum Specialist'], technologies: ['Microsoft Excel'], related: ['25-2031.00'] },
];

export function fixtureCatalogue(): CareerCatalogue {
  return {
    occupations: new Map(OCCUPATIONS.map((o) => [o.code, o])),
    others: new Map(OTHERS.map((o) => [o.code, o])),
    mapping: {
      goals: new Map([
        ['data-analyst', ['15-2051.01']],
        ['devops-engineer', ['15-1244.00']],
      ]),
      concepts: new Map([
        ['Structured query language SQL', ['sql']],
        ['Python', ['python']],
        ['Docker', ['docker']],
        ['Linux', ['basics']],
      ]),
      notCovered: new Set(['Microsoft Excel', 'Microsoft Windows Server']),
    },
  };
}
