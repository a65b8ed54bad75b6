// The escalation attempts on the security fixture (fixture.ts), each one that must be refused:
// horizontal ones (another person's bids, work, statement and feeds; another project's tasks,
// products and confirmations; another association's people; another pool altogether) and
// vertical ones (every route of a role tried by every lower role). Each names the route of the
// OpenAPI document or the web form it goes to, so the test checks every id-taking one is tried.
import type { SecurityFixture } from './fixture.ts';
import { OTHER_POOL } from './fixture.ts';

export type CaseKind =
  | 'horizontal: person'
  | 'horizontal: project'
  | 'horizontal: association'
  | 'horizontal: pool'
  | 'horizontal: account'
  | 'vertical';

export interface EscalationCase {
  readonly kind: CaseKind;
  readonly actor: string;
  /** "METHOD /template" of the OpenAPI document, or "WEB METHOD /pattern" of a page or form. */
  readonly route: string;
  readonly method: string;
  readonly path: string;
  /** A JSON body (the API) or form fields (the web app). */
  readonly body?: unknown;
  readonly form?: Record<string, string>;
  /** A bearer token to send instead of the actor's session. */
  readonly bearer?: string;
}

/** Who holds what in pool p: each login's person (null: none). */
const PERSON_OF: Readonly<Record<string, string | null>> = {
  public: null,
  outsider: null,
  member: 'ada',
  maintainer: 'bo',
  confirmer: 'cy',
  steward: 'dan',
  auditor: null,
  coordinator: 'eve',
  fay: 'fay',
  quinn: null,
};
const P_PERSONS = ['ada', 'bo', 'cy', 'dan', 'eve', 'fay'];
/** Everybody but p's coordinator, who gives any input of p (office mode). */
const NOT_COORDINATORS = Object.keys(PERSON_OF).filter((login) => login !== 'coordinator');
const EVERYONE = Object.keys(PERSON_OF);

/** Requests an account makes for one person of pool p: [route, path, body]. */
function forPerson(poolId: string, person: string): [string, string, unknown][] {
  const pool = `/api/v1/pools/${poolId}`;
  const bid = { personId: person, instanceId: 'loaves', weightMilli: 900 };
  return [
    ['POST /pools/{poolId}/bids', `${pool}/bids`, bid],
    [
      'POST /pools/{poolId}/work',
      `${pool}/work`,
      { id: `x-${person}`, personId: person, instanceId: 'loaves', minutes: 30 },
    ],
    [
      'POST /pools/{poolId}/requests',
      `${pool}/requests`,
      { personId: person, productId: 'rye', units: 1 },
    ],
    [
      'POST /pools/{poolId}/pre-orders',
      `${pool}/pre-orders`,
      { id: `po-${person}`, personId: person, productId: 'rye', units: 1 },
    ],
    [
      'POST /pools/{poolId}/subscriptions',
      `${pool}/subscriptions`,
      { id: `s-${person}`, personId: person, productId: 'rye', unitsPerPeriod: 1 },
    ],
    [
      'POST /pools/{poolId}/scarce-goods/{productId}/premiums',
      `${pool}/scarce-goods/rye/premiums`,
      { personId: person, units: 1, premiumPerUnitEffortMilli: 100 },
    ],
    [
      'POST /pools/{poolId}/resource-claims',
      `${pool}/resource-claims`,
      { resourceId: 'garden', personId: person, units: 1 },
    ],
    [
      'POST /pools/{poolId}/inputs',
      `${pool}/inputs`,
      {
        inputs: [
          { kind: 'requests', period: 1, record: { personId: person, productId: 'rye', units: 1 } },
        ],
      },
    ],
    [
      'POST /pools/{poolId}/persons/{personId}/calendar-feeds',
      `${pool}/persons/${person}/calendar-feeds`,
      undefined,
    ],
    [
      'DELETE /pools/{poolId}/persons/{personId}/calendar-feeds',
      `${pool}/persons/${person}/calendar-feeds`,
      undefined,
    ],
    [
      'GET /pools/{poolId}/persons/{personId}/statement',
      `${pool}/persons/${person}/statement`,
      undefined,
    ],
    [
      'GET /pools/{poolId}/persons/{personId}/projection',
      `${pool}/persons/${person}/projection`,
      undefined,
    ],
  ];
}

/** Requests only p's coordinators make. */
function coordinatorRequests(
  poolId: string,
  fixture: SecurityFixture,
): [string, string, unknown][] {
  const pool = `/api/v1/pools/${poolId}`;
  const { accountIds } = fixture;
  return [
    ['POST /pools/{poolId}/steps', `${pool}/steps`, { period: 1, stage: 'settling' }],
    ['PUT /pools/{poolId}/visibility', `${pool}/visibility`, { publicBooks: true }],
    [
      'POST /pools/{poolId}/inputs',
      `${pool}/inputs`,
      { inputs: [{ kind: 'persons', period: 0, record: { id: 'mallory' } }] },
    ],
    [
      'PUT /pools/{poolId}/roles',
      `${pool}/roles`,
      { accountId: accountIds.outsider, role: 'coordinator', subject: '' },
    ],
    [
      'DELETE /pools/{poolId}/roles',
      `${pool}/roles`,
      { accountId: accountIds.coordinator, role: 'coordinator', subject: '' },
    ],
    [
      'POST /pools/{poolId}/invitations',
      `${pool}/invitations`,
      { login: `mallory-${poolId}`, personId: 'ada' },
    ],
    ['POST /pools/{poolId}/reset-links', `${pool}/reset-links`, { accountId: accountIds.member }],
  ];
}

/** Reads for the pool's people (pool q's books are not public). */
function poolReads(poolId: string): [string, string, unknown][] {
  const pool = `/api/v1/pools/${poolId}`;
  return [
    ['GET /pools/{poolId}', pool, undefined],
    ['GET /pools/{poolId}/periods/{period}/clearing', `${pool}/periods/1/clearing`, undefined],
    ['GET /pools/{poolId}/periods/{period}/report', `${pool}/periods/1/report`, undefined],
    ['GET /pools/{poolId}/journal', `${pool}/journal`, undefined],
    ['GET /pools/{poolId}/projection', `${pool}/projection`, undefined],
    ['GET /pools/{poolId}/roles', `${pool}/roles`, undefined],
    ['GET /pools/{poolId}/audit', `${pool}/audit`, undefined],
    ['GET /pools/{poolId}/security-events', `${pool}/security-events`, undefined],
    ['GET /pools/{poolId}/exports/csv-transfers', `${pool}/exports/csv-transfers`, undefined],
  ];
}

const AUDITOR_EXPORTS = ['csv-members', 'csv-statements', 'csv-work', 'valueflows', 'hledger'];

export function escalationCases(
  fixture: SecurityFixture,
  tokens: { readOnlyOfCoordinator: string; tokenIdOfMember: string; sessionIdOfMember: string },
): EscalationCase[] {
  const cases: EscalationCase[] = [];
  const api = (
    kind: CaseKind,
    actor: string,
    [route, path, body]: [string, string, unknown],
    method = route.split(' ')[0]!,
  ) => cases.push({ kind, actor, route, method, path, ...(body === undefined ? {} : { body }) });
  const { seqs } = fixture;

  // Another person of the same pool: every account but the coordinator, for two persons of
  // p not its own, one of its association and one of the other (auditors read statements
  // and projections, coordinators projections).
  for (const [index, actor] of NOT_COORDINATORS.entries()) {
    const others = P_PERSONS.filter((p) => p !== PERSON_OF[actor] && p !== 'fay');
    for (const person of [
      others[index % others.length]!,
      PERSON_OF[actor] === 'fay' ? 'ada' : 'fay',
    ]) {
      for (const request of forPerson('p', person)) {
        if (actor === 'auditor' && request[0].startsWith('GET')) continue;
        // A steward claims their association's resources for anyone (decision 0037).
        if (actor === 'steward' && request[0].includes('resource-claims')) continue;
        api('horizontal: person', actor, request);
      }
    }
  }
  // Another person's pre-order cancelled (its person and the product's maintainers may), and
  // its person claiming the effort spent on it (the project states that).
  const cancel = (body: unknown): [string, string, unknown] => [
    'POST /pools/{poolId}/pre-orders/{preOrderId}/cancellation',
    '/api/v1/pools/p/pre-orders/po-ada/cancellation',
    body,
  ];
  for (const actor of ['outsider', 'confirmer', 'steward', 'auditor', 'fay', 'quinn']) {
    api('horizontal: person', actor, cancel({}));
  }
  api('vertical', 'member', cancel({ spentEffortMilli: 1000, plannedEffortMilli: 2000 }));
  // Another person's inputs by sequence number: withdrawing their bid or work record.
  for (const [seq, owner] of [
    [seqs.bidOfAda, 'ada'],
    [seqs.workOfAda, 'ada'],
    [seqs.bidOfBo, 'bo'],
    [seqs.workOfBo, 'bo'],
  ] as const) {
    for (const actor of NOT_COORDINATORS.filter((a) => PERSON_OF[a] !== owner)) {
      api('horizontal: person', actor, [
        'DELETE /pools/{poolId}/inputs/{seq}',
        `/api/v1/pools/p/inputs/${seq}`,
        undefined,
      ]);
      // Replacing it, by a bid in the actor's own name or in the owner's.
      const placeOf = (personId: string) => ({
        inputs: [
          {
            kind: 'bids',
            period: 1,
            record: { personId, instanceId: 'loaves', weightMilli: 900, round: 0 },
          },
        ],
      });
      api('horizontal: person', actor, [
        'PUT /pools/{poolId}/inputs/{seq}',
        `/api/v1/pools/p/inputs/${seq}`,
        placeOf(PERSON_OF[actor] ?? owner),
      ]);
    }
  }
  // One's own bid replaced by a bid in another person's name.
  api('horizontal: person', 'member', [
    'PUT /pools/{poolId}/inputs/{seq}',
    `/api/v1/pools/p/inputs/${seqs.bidOfAda}`,
    {
      inputs: [
        {
          kind: 'bids',
          period: 1,
          record: { personId: 'bo', instanceId: 'loaves', weightMilli: 900, round: 0 },
        },
      ],
    },
  ]);

  // Another project: bikes' work confirmed by the bakery's people, the bakery's by bikes'
  // maintainer; a confirmer naming someone else; tasks, production and claims for a project
  // one does not maintain.
  const confirm = (actor: string, seq: number, confirmedBy: string) => {
    api('horizontal: project', actor, [
      'POST /pools/{poolId}/inputs/{seq}/confirmation',
      `/api/v1/pools/p/inputs/${seq}/confirmation`,
      { confirmedBy },
    ]);
    api('horizontal: project', actor, [
      'POST /pools/{poolId}/work/confirmations',
      '/api/v1/pools/p/work/confirmations',
      { seqs: [seq], confirmedBy },
    ]);
  };
  confirm('maintainer', seqs.workOfAdaForBikes, 'bo');
  confirm('confirmer', seqs.workOfAdaForBikes, 'cy');
  confirm('fay', seqs.workOfAda, 'fay');
  confirm('confirmer', seqs.workOfAda, 'bo');
  confirm('maintainer', seqs.workOfBo, 'bo');
  api('horizontal: project', 'maintainer', [
    'POST /pools/{poolId}/work/confirmations',
    '/api/v1/pools/p/work/confirmations',
    { seqs: [seqs.workOfAda, seqs.workOfAdaForBikes], confirmedBy: 'bo' },
  ]);
  const projectInputs = (projectId: string, productId: string): [string, string, unknown][] =>
    [
      {
        kind: 'tasks',
        period: 1,
        record: { id: `t-${projectId}`, templateId: 't', projectId, slots: 1, minutesPerSlot: 30 },
      },
      { kind: 'production', period: 1, record: { productId, units: 1 } },
      { kind: 'workInProgress', period: 1, record: { projectId, changeEffortMilli: 1000 } },
    ].map((input) => [
      'POST /pools/{poolId}/inputs',
      '/api/v1/pools/p/inputs',
      { inputs: [input] },
    ]);
  for (const request of projectInputs('bikes', 'wheel'))
    api('horizontal: project', 'maintainer', request);
  for (const request of projectInputs('bakery', 'rye')) {
    for (const actor of ['fay', 'confirmer']) api('horizontal: project', actor, request);
  }
  for (const actor of ['maintainer', 'confirmer', 'member']) {
    api('horizontal: project', actor, [
      'POST /pools/{poolId}/resource-claims',
      '/api/v1/pools/p/resource-claims',
      { resourceId: 'garden', projectId: 'bikes', units: 1 },
    ]);
  }

  // Another association: north's steward acting on south's person.
  const southern = [
    [
      'POST /pools/{poolId}/residencies',
      '/api/v1/pools/p/residencies',
      { personId: 'fay', associationId: 'south' },
    ],
    [
      'POST /pools/{poolId}/residencies',
      '/api/v1/pools/p/residencies',
      { personId: 'fay', associationId: null },
    ],
    [
      'POST /pools/{poolId}/dependents',
      '/api/v1/pools/p/dependents',
      { personId: 'fay', dependent: { category: 'child' } },
    ],
    [
      'POST /pools/{poolId}/dependents',
      '/api/v1/pools/p/dependents',
      { personId: 'fay', dependent: null },
    ],
    [
      'POST /pools/{poolId}/inputs',
      '/api/v1/pools/p/inputs',
      {
        inputs: [
          { kind: 'capacityFactors', period: 1, record: { personId: 'fay', factorPpm: 500000 } },
        ],
      },
    ],
  ] as [string, string, unknown][];
  for (const request of southern) api('horizontal: association', 'steward', request);

  // Another pool: everything of pool q by p's people (fay coordinates q) and of p by q's.
  for (const actor of EVERYONE.filter((a) => a !== 'fay' && a !== 'quinn' && a !== 'public')) {
    for (const request of [
      ...forPerson(OTHER_POOL, 'ada'),
      ...coordinatorRequests(OTHER_POOL, fixture),
      ...poolReads(OTHER_POOL),
    ]) {
      api('horizontal: pool', actor, request);
    }
    api('horizontal: pool', actor, [
      'POST /pools/{poolId}/inputs/{seq}/confirmation',
      `/api/v1/pools/${OTHER_POOL}/inputs/${seqs.workOfQuinnInQ}/confirmation`,
      { confirmedBy: 'bo' },
    ]);
    api('horizontal: pool', actor, [
      'DELETE /pools/{poolId}/inputs/{seq}',
      `/api/v1/pools/${OTHER_POOL}/inputs/${seqs.workOfQuinnInQ}`,
      undefined,
    ]);
  }
  for (const request of [
    ...forPerson('p', 'ada'),
    ...coordinatorRequests('p', fixture),
    ...poolReads('p'),
  ]) {
    api('horizontal: pool', 'quinn', request);
  }
  // A coordinator of p reaching into q through an account that holds roles in both.
  api('horizontal: pool', 'coordinator', [
    'POST /pools/{poolId}/reset-links',
    '/api/v1/pools/p/reset-links',
    { accountId: fixture.accountIds.fay },
  ]);
  api('horizontal: pool', 'coordinator', [
    'PUT /pools/{poolId}/roles',
    `/api/v1/pools/${OTHER_POOL}/roles`,
    { accountId: fixture.accountIds.coordinator, role: 'coordinator', subject: '' },
  ]);

  // Another account: a token of the member revoked by others.
  for (const actor of ['outsider', 'maintainer', 'coordinator', 'auditor']) {
    api('horizontal: account', actor, [
      'DELETE /auth/tokens/{tokenId}',
      `/api/v1/auth/tokens/${tokens.tokenIdOfMember}`,
      undefined,
    ]);
  }

  // Another account's session ended by others.
  for (const actor of ['outsider', 'maintainer', 'coordinator', 'auditor']) {
    api('horizontal: account', actor, [
      'DELETE /auth/sessions/{sessionId}',
      `/api/v1/auth/sessions/${tokens.sessionIdOfMember}`,
      undefined,
    ]);
  }

  // Vertical: coordinators' routes by every other role of p; auditors' exports by every
  // other; a read-only token of the coordinator writing.
  for (const actor of NOT_COORDINATORS) {
    for (const request of coordinatorRequests('p', fixture)) api('vertical', actor, request);
  }
  for (const actor of EVERYONE.filter((a) => a !== 'auditor')) {
    api('vertical', actor, [
      'GET /pools/{poolId}/security-events',
      '/api/v1/pools/p/security-events',
      undefined,
    ]);
    for (const format of AUDITOR_EXPORTS) {
      api('vertical', actor, [
        `GET /pools/{poolId}/exports/${format}`,
        `/api/v1/pools/p/exports/${format}`,
        undefined,
      ]);
    }
  }
  for (const [route, path, body] of [
    ...coordinatorRequests('p', fixture),
    ...forPerson('p', 'eve').filter(([r]) => !r.startsWith('GET')),
  ]) {
    cases.push({
      kind: 'vertical',
      actor: 'public',
      route,
      method: route.split(' ')[0]!,
      path,
      ...(body === undefined ? {} : { body }),
      bearer: tokens.readOnlyOfCoordinator,
    });
  }
  // Maintainers' and stewards' routes by the roles below them.
  for (const actor of ['public', 'outsider', 'member', 'confirmer', 'steward', 'auditor']) {
    for (const request of projectInputs('bakery', 'rye')) api('vertical', actor, request);
  }
  for (const actor of [
    'public',
    'outsider',
    'member',
    'maintainer',
    'confirmer',
    'auditor',
    'fay',
  ]) {
    api('vertical', actor, [
      'POST /pools/{poolId}/residencies',
      '/api/v1/pools/p/residencies',
      { personId: 'ada', associationId: 'north' },
    ]);
    api('vertical', actor, [
      'POST /pools/{poolId}/dependents',
      '/api/v1/pools/p/dependents',
      { personId: 'ada', dependent: { category: 'child' } },
    ]);
  }
  for (const actor of ['public', 'outsider', 'member', 'steward', 'auditor']) {
    confirm(actor, seqs.workOfAda, PERSON_OF[actor] ?? 'bo');
  }
  return cases;
}
