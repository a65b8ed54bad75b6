// The web app's escalation attempts: its pages and forms that take a pool, project, product or
// sequence number, tried by accounts that hold no such right (another pool, another project,
// another association, a lower role). Forms carry well-formed fields, so only the right to act
// can refuse them.
import type { EscalationCase } from './escalation-cases.ts';
import { OTHER_POOL, type SecurityFixture } from './fixture.ts';

/** Every page and form of the web app that takes an id in its path. */
export const WEB_ID_ROUTES = [
  'WEB GET /pools/:poolId',
  'WEB GET /pools/:poolId/market',
  'WEB POST /pools/:poolId/market',
  'WEB GET /pools/:poolId/goods',
  'WEB POST /pools/:poolId/goods',
  'WEB GET /pools/:poolId/work',
  'WEB POST /pools/:poolId/work',
  'WEB GET /pools/:poolId/household',
  'WEB GET /pools/:poolId/statement',
  'WEB GET /pools/:poolId/what-if',
  'WEB POST /pools/:poolId/what-if',
  'WEB GET /pools/:poolId/projects',
  'WEB GET /pools/:poolId/projects/:projectId',
  'WEB POST /pools/:poolId/projects/:projectId/tasks',
  'WEB POST /pools/:poolId/projects/:projectId/tasks/repeat',
  'WEB POST /pools/:poolId/projects/:projectId/work/:seq/confirm',
  'WEB POST /pools/:poolId/projects/:projectId/production',
  'WEB POST /pools/:poolId/projects/:projectId/work-in-progress',
  'WEB GET /pools/:poolId/coordinate',
  'WEB POST /pools/:poolId/coordinate/steps',
  'WEB GET /pools/:poolId/coordinate/settings',
  'WEB POST /pools/:poolId/coordinate/settings',
  'WEB GET /pools/:poolId/coordinate/people',
  'WEB POST /pools/:poolId/coordinate/people/grant',
  'WEB POST /pools/:poolId/coordinate/people/revoke',
  'WEB POST /pools/:poolId/coordinate/people/invite',
  'WEB POST /pools/:poolId/coordinate/people/reset',
  'WEB GET /pools/:poolId/coordinate/office',
  'WEB POST /pools/:poolId/coordinate/office/bid',
  'WEB POST /pools/:poolId/coordinate/office/work',
  'WEB GET /pools/:poolId/coordinate/audit',
  'WEB GET /pools/:poolId/books',
  'WEB GET /pools/:poolId/books/journal',
  'WEB GET /pools/:poolId/books/verify',
  'WEB GET /pools/:poolId/books/products/:productId',
  'WEB GET /pools/:poolId/association',
  'WEB GET /pools/:poolId/association/dependents/preview',
  'WEB POST /pools/:poolId/association/dependents',
  'WEB POST /account/sessions/end',
] as const;

type Request = [route: (typeof WEB_ID_ROUTES)[number], path: string, form?: Record<string, string>];

const task = { id: 'web-task', templateId: 'web', slots: '1', minutesPerSlot: '30' };

function memberPages(pool: string): Request[] {
  const at = `/pools/${pool}`;
  return [
    ['WEB GET /pools/:poolId', at],
    ['WEB GET /pools/:poolId/market', `${at}/market`],
    ['WEB POST /pools/:poolId/market', `${at}/market`, { instanceId: 'loaves', weight: '1' }],
    ['WEB GET /pools/:poolId/goods', `${at}/goods`],
    [
      'WEB POST /pools/:poolId/goods',
      `${at}/goods`,
      { productId: 'rye', units: '1', action: 'request' },
    ],
    ['WEB GET /pools/:poolId/work', `${at}/work`],
    ['WEB POST /pools/:poolId/work', `${at}/work`, { instanceId: 'loaves', minutes: '30' }],
    ['WEB GET /pools/:poolId/household', `${at}/household`],
    ['WEB GET /pools/:poolId/statement', `${at}/statement`],
    ['WEB GET /pools/:poolId/what-if', `${at}/what-if`],
    ['WEB POST /pools/:poolId/what-if', `${at}/what-if`, { periods: '1' }],
    ['WEB GET /pools/:poolId/projects', `${at}/projects`],
    ['WEB GET /pools/:poolId/books', `${at}/books`],
    ['WEB GET /pools/:poolId/books/journal', `${at}/books/journal`],
    ['WEB GET /pools/:poolId/books/verify', `${at}/books/verify`],
    ['WEB GET /pools/:poolId/books/products/:productId', `${at}/books/products/rye`],
  ];
}

function projectForms(pool: string, project: string, product: string, seq: number): Request[] {
  const at = `/pools/${pool}/projects/${project}`;
  return [
    ['WEB GET /pools/:poolId/projects/:projectId', at],
    ['WEB POST /pools/:poolId/projects/:projectId/tasks', `${at}/tasks`, task],
    [
      'WEB POST /pools/:poolId/projects/:projectId/tasks/repeat',
      `${at}/tasks/repeat`,
      { templateId: 'loaves' },
    ],
    [
      'WEB POST /pools/:poolId/projects/:projectId/work/:seq/confirm',
      `${at}/work/${seq}/confirm`,
      {},
    ],
    [
      'WEB POST /pools/:poolId/projects/:projectId/production',
      `${at}/production`,
      { productId: product, units: '1' },
    ],
    [
      'WEB POST /pools/:poolId/projects/:projectId/work-in-progress',
      `${at}/work-in-progress`,
      { changeHours: '1' },
    ],
  ];
}

function coordinatorForms(pool: string, fixture: SecurityFixture): Request[] {
  const at = `/pools/${pool}/coordinate`;
  return [
    ['WEB GET /pools/:poolId/coordinate', at],
    ['WEB POST /pools/:poolId/coordinate/steps', `${at}/steps`, { period: '1', stage: 'settling' }],
    ['WEB GET /pools/:poolId/coordinate/settings', `${at}/settings`],
    ['WEB POST /pools/:poolId/coordinate/settings', `${at}/settings`, { clearingRule: 'highest' }],
    ['WEB GET /pools/:poolId/coordinate/people', `${at}/people`],
    [
      'WEB POST /pools/:poolId/coordinate/people/grant',
      `${at}/people/grant`,
      { login: 'outsider', role: 'coordinator', subject: '' },
    ],
    [
      'WEB POST /pools/:poolId/coordinate/people/revoke',
      `${at}/people/revoke`,
      { accountId: fixture.accountIds.coordinator, role: 'coordinator', subject: '' },
    ],
    [
      'WEB POST /pools/:poolId/coordinate/people/invite',
      `${at}/people/invite`,
      { newLogin: `mallory-${pool}`, personId: 'ada' },
    ],
    [
      'WEB POST /pools/:poolId/coordinate/people/reset',
      `${at}/people/reset`,
      { resetLogin: 'member' },
    ],
    ['WEB GET /pools/:poolId/coordinate/office', `${at}/office`],
    [
      'WEB POST /pools/:poolId/coordinate/office/bid',
      `${at}/office/bid`,
      { personId: 'ada', instanceId: 'loaves', weight: '1' },
    ],
    [
      'WEB POST /pools/:poolId/coordinate/office/work',
      `${at}/office/work`,
      { personId: 'ada', instanceId: 'loaves', minutes: '30' },
    ],
    ['WEB GET /pools/:poolId/coordinate/audit', `${at}/audit`],
  ];
}

function stewardForms(pool: string, person: string): Request[] {
  const at = `/pools/${pool}/association`;
  return [
    ['WEB GET /pools/:poolId/association', at],
    [
      'WEB GET /pools/:poolId/association/dependents/preview',
      `${at}/dependents/preview?personId=${person}&category=child`,
    ],
    [
      'WEB POST /pools/:poolId/association/dependents',
      `${at}/dependents`,
      { personId: person, category: 'child' },
    ],
  ];
}

export function webEscalationCases(
  fixture: SecurityFixture,
  sessionIdOfMember: string,
): EscalationCase[] {
  const cases: EscalationCase[] = [];
  const add = (kind: EscalationCase['kind'], actor: string, [route, path, form]: Request) =>
    cases.push({
      kind,
      actor,
      route,
      method: route.split(' ')[1]!,
      path,
      ...(form === undefined ? {} : { form }),
    });
  const { seqs } = fixture;

  // Another pool: every page and form of q by p's accounts (fay coordinates q), and p's by q's.
  const everythingOf = (pool: string, seq: number) => [
    ...memberPages(pool),
    ...projectForms(pool, 'bakery', 'rye', seq),
    ...coordinatorForms(pool, fixture),
    ...stewardForms(pool, 'ada'),
  ];
  for (const actor of ['member', 'maintainer', 'coordinator']) {
    for (const request of everythingOf(OTHER_POOL, seqs.workOfQuinnInQ))
      add('horizontal: pool', actor, request);
  }
  for (const request of everythingOf('p', seqs.workOfAda).filter(([r]) => !r.includes('/books'))) {
    add('horizontal: pool', 'quinn', request);
  }

  // A coordinator of p reaching into q through fay, who holds roles in both.
  add('horizontal: pool', 'coordinator', [
    'WEB POST /pools/:poolId/coordinate/people/reset',
    '/pools/p/coordinate/people/reset',
    { resetLogin: 'fay' },
  ]);

  // Another project: bo on bikes, fay on the bakery, cy (a confirmer) on the bakery's plans,
  // bo confirming bikes' work through the bakery, bo producing bikes' product.
  for (const request of projectForms('p', 'bikes', 'wheel', seqs.workOfAdaForBikes))
    add('horizontal: project', 'maintainer', request);
  for (const request of projectForms('p', 'bakery', 'rye', seqs.workOfAda))
    add('horizontal: project', 'fay', request);
  for (const request of projectForms('p', 'bakery', 'rye', seqs.workOfAda).filter(
    ([r]) => !/confirm|projectId'?$/.test(r) && r.startsWith('WEB POST'),
  )) {
    add('horizontal: project', 'confirmer', request);
  }
  add('horizontal: project', 'maintainer', [
    'WEB POST /pools/:poolId/projects/:projectId/work/:seq/confirm',
    `/pools/p/projects/bakery/work/${seqs.workOfAdaForBikes}/confirm`,
    {},
  ]);
  add('horizontal: project', 'maintainer', [
    'WEB POST /pools/:poolId/projects/:projectId/production',
    '/pools/p/projects/bakery/production',
    { productId: 'wheel', units: '1' },
  ]);

  // Another association: north's steward on south's person.
  for (const request of stewardForms('p', 'fay').slice(1))
    add('horizontal: association', 'steward', request);

  // Vertical: the coordinator's pages by every other role, the projects' by members and
  // stewards, the association's by those who steward none.
  for (const actor of ['public', 'member', 'maintainer', 'steward', 'auditor', 'fay']) {
    for (const request of coordinatorForms('p', fixture)) add('vertical', actor, request);
  }
  for (const actor of ['member', 'steward', 'auditor', 'outsider']) {
    for (const request of projectForms('p', 'bakery', 'rye', seqs.workOfAda))
      add('vertical', actor, request);
  }
  for (const actor of ['member', 'maintainer', 'confirmer', 'auditor', 'fay', 'outsider']) {
    for (const request of stewardForms('p', 'ada')) add('vertical', actor, request);
  }
  // Another account's session ended through the sessions page.
  for (const actor of ['outsider', 'maintainer', 'coordinator', 'auditor']) {
    add('horizontal: account', actor, [
      'WEB POST /account/sessions/end',
      '/account/sessions/end',
      { sessionId: sessionIdOfMember },
    ]);
  }
  return cases;
}
