// Proves the core's own SHA-256 equals node:crypto on the FIPS test vectors, on every block
// boundary length, and on arbitrary strings (lone surrogates included) and byte arrays.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { sha256Bytes, sha256Hex } from './sha256.ts';

function nodeHex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

describe('sha256', () => {
  test('matches the FIPS 180-4 test vectors', () => {
    assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(
      sha256Hex('abc'),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    assert.equal(
      sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  test('matches node:crypto at every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 200; length += 1) {
      const text = 'x'.repeat(length);
      assert.equal(sha256Hex(text), nodeHex(text), `length ${length}`);
    }
  });

  test('matches node:crypto on a message larger than the initial buffer', () => {
    const text = 'peer economy '.repeat(500);
    assert.equal(sha256Hex(text), nodeHex(text));
  });

  test('matches node:crypto on arbitrary strings, UTF-8 encoded', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        assert.equal(sha256Hex(text), nodeHex(text));
      }),
      { numRuns: 300 },
    );
  });

  test('encodes a lone surrogate as U+FFFD, like TextEncoder', () => {
    for (const text of ['\ud800', 'a\udc00b', '\ud83d', '\ud83d\ude00', '\udbff\udfff']) {
      assert.equal(sha256Hex(text), nodeHex(Buffer.from(text, 'utf8')));
    }
  });

  test('hashes raw bytes like node:crypto', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        assert.equal(Buffer.from(sha256Bytes(bytes)).toString('hex'), nodeHex(bytes));
      }),
      { numRuns: 200 },
    );
  });
});
