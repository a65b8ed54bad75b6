// Proves `peerconomy serve --tls-cert FILE --tls-key FILE` (and the same by PEERCONOMY_TLS_CERT
// and PEERCONOMY_TLS_KEY): with a self-signed certificate made here by openssl, the server
// answers HTTPS on 127.0.0.1 to a client that trusts that certificate, sends HSTS by itself and
// no longer speaks plain HTTP; a missing file, a file that is no certificate, a key of another
// certificate and one file without the other each stop it with one line and a non-zero exit.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { BIN, serving } from '../support/serving.ts';

const dir = mkdtempSync(join(tmpdir(), 'peerconomy-tls-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A self-signed certificate for 127.0.0.1 and its key, as PEM files. */
function selfSigned(name: string) {
  const cert = join(dir, `${name}.cert.pem`);
  const key = join(dir, `${name}.key.pem`);
  const made = spawnSync('/usr/bin/openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  assert.equal(made.status, 0, String(made.stderr));
  return { cert, key };
}

const good = selfSigned('good');
const other = selfSigned('other');

/** GET over HTTPS trusting only the test's certificate. */
function get(url: string, ca: Buffer) {
  return new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(`${url}/healthz`, { ca }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serve over HTTPS: a trusting client is answered, with HSTS; plain HTTP is not', {
  timeout: 120_000,
}, async () => {
  const ca = readFileSync(good.cert);
  const args = ['serve', '--port', '0', '--data-dir', join(dir, 'data')];
  for (const [how, extra, env] of [
    ['options', ['--tls-cert', good.cert, '--tls-key', good.key], {}],
    ['environment', [], { PEERCONOMY_TLS_CERT: good.cert, PEERCONOMY_TLS_KEY: good.key }],
  ] as const) {
    const served = await serving([...args, ...extra], { env }, async (url) => {
      assert.match(url, /^https:\/\/127\.0\.0\.1:\d+$/, how);
      const answer = await get(url, ca);
      assert.equal(answer.status, 200, how);
      assert.match(String(answer.headers['strict-transport-security']), /max-age=31536000/);
      // Plain HTTP gets no answer (the socket waits for a TLS handshake).
      const plain = fetch(`${url.replace('https:', 'http:')}/healthz`, {
        signal: AbortSignal.timeout(2000),
      });
      await assert.rejects(plain, how);
      // A client that does not trust the certificate is not answered.
      await assert.rejects(get(url, readFileSync(other.cert)), how);
    });
    assert.equal(served.code, 0, served.out);
  }
});

test('serve: missing, unusable, mismatched or lone TLS files are one line and no server', () => {
  const notPem = join(dir, 'not.pem');
  writeFileSync(notPem, 'not a certificate\n');
  const cases: [string[], RegExp][] = [
    [
      ['--tls-cert', join(dir, 'absent.pem'), '--tls-key', good.key],
      /--tls-cert: cannot read .*absent\.pem \(ENOENT\)/,
    ],
    [['--tls-cert', notPem, '--tls-key', good.key], /not a PEM certificate and its key/],
    [['--tls-cert', good.cert, '--tls-key', other.key], /not a PEM certificate and its key/],
    [['--tls-cert', good.cert], /--tls-cert and --tls-key go together/],
  ];
  for (const [extra, message] of cases) {
    const run = spawnSync(
      process.execPath,
      [BIN, 'serve', '--port', '0', '--data-dir', join(dir, 'bad'), ...extra],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 },
    );
    assert.notEqual(run.status, 0, run.stdout);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, message);
  }
});
