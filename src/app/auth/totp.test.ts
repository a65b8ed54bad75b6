// Proves the one-time password functions against the published test vectors (RFC 4226
// Appendix D for HOTP, RFC 6238 Appendix B for TOTP with SHA-1, cut to 6 digits), the drift
// window of one step either side, and base32 both ways (RFC 4648 section 10).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchingStep,
  otpauthUri,
  totp,
  totpStep,
} from './totp.ts';

const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

test('HOTP gives the RFC 4226 Appendix D values for counters 0 to 9', () => {
  const expected = [
    '755224',
    '287082',
    '359152',
    '969429',
    '338314',
    '254676',
    '287922',
    '162583',
    '399871',
    '520489',
  ];
  assert.deepEqual(
    expected.map((_, counter) => hotp(RFC_SECRET, counter)),
    expected,
  );
});

test('TOTP with SHA-1 gives the RFC 6238 Appendix B values, cut to 6 digits', () => {
  const vectors: [number, string][] = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];
  for (const [seconds, eight] of vectors) {
    assert.equal(totp(RFC_SECRET, seconds * 1000, 8), eight, `T=${seconds}`);
    assert.equal(totp(RFC_SECRET, seconds * 1000), eight.slice(2), `T=${seconds}, 6 digits`);
  }
});

test('a code is taken one step early or late, not two; its step is answered', () => {
  const at = 1_111_111_111_000;
  const step = totpStep(at);
  for (const offset of [-1, 0, 1]) {
    const code = hotp(RFC_SECRET, step + offset);
    assert.equal(matchingStep(RFC_SECRET, code, at), step + offset);
  }
  for (const offset of [-2, 2]) {
    assert.equal(matchingStep(RFC_SECRET, hotp(RFC_SECRET, step + offset), at), null);
  }
  assert.equal(matchingStep(RFC_SECRET, '12345', at), null);
  assert.equal(matchingStep(RFC_SECRET, 'abcdef', at), null);
});

test('base32 follows RFC 4648 both ways and refuses other characters', () => {
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ];
  for (const [plain, encoded] of vectors) {
    assert.equal(base32Encode(Buffer.from(plain)), encoded);
    assert.equal(Buffer.from(base32Decode(encoded) ?? []).toString(), plain);
  }
  assert.equal(Buffer.from(base32Decode('mzxw 6ytb oi==') ?? []).toString(), 'foobar');
  assert.equal(base32Decode('MZXW1'), null);
  const secret = Uint8Array.from({ length: 20 }, (_, i) => i * 13);
  assert.deepEqual(base32Decode(base32Encode(secret)), secret);
});

test('the otpauth URI names the issuer and account and carries the secret in base32', () => {
  const uri = new URL(otpauthUri('Peerconomy', 'ada@north', RFC_SECRET));
  assert.equal(uri.protocol, 'otpauth:');
  assert.equal(uri.searchParams.get('secret'), base32Encode(RFC_SECRET));
  assert.equal(uri.searchParams.get('issuer'), 'Peerconomy');
  assert.equal(uri.searchParams.get('digits'), '6');
  assert.equal(uri.searchParams.get('period'), '30');
  assert.match(uri.href, /^otpauth:\/\/totp\/Peerconomy:ada%40north\?/);
});
