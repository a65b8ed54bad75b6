// Proves that a document read by someone who may not see a person names that person nowhere:
// not as a value, an account, a part of a reference or a key, while every amount stays.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withPersonsHidden } from './person-visibility.ts';

test('a hidden person is "*" as an id, an account, a reference part and a key', () => {
  const doc = {
    goods: [
      {
        allocations: [
          { personId: 'dan', units: 2 },
          { personId: 'ada', units: 1 },
        ],
      },
    ],
    balances: [{ accountId: 'p.person.dan', amount: -300 }, { accountId: 'p.project.dan' }],
    transfers: [{ reference: 'take:p.person.dan:bread:dan', amount: 300 }],
    byPerson: { dan: 5 },
    note: 'dandelion',
  };
  assert.deepEqual(withPersonsHidden(doc, 'p', new Set(['dan'])), {
    goods: [
      {
        allocations: [
          { personId: '*', units: 2 },
          { personId: 'ada', units: 1 },
        ],
      },
    ],
    balances: [{ accountId: 'p.person.*', amount: -300 }, { accountId: 'p.project.dan' }],
    transfers: [{ reference: 'take:p.person.*:bread:*', amount: 300 }],
    byPerson: { '*': 5 },
    note: 'dandelion',
  });
});

test('nobody hidden: the document itself', () => {
  const doc = { personId: 'dan' };
  assert.equal(withPersonsHidden(doc, 'p', new Set()), doc);
});
