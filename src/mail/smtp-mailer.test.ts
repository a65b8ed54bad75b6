// Proves that the SMTP mailer hands a message to a mail server as SMTP (envelope, headers and
// text as sent), and that a mail server that cannot be reached is a `mail.not_sent` refusal,
// not a thrown error. The mail server is a few lines of SMTP on a loopback port.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { after, before, test } from 'node:test';
import { createSmtpMailer } from './smtp-mailer.ts';

interface Received {
  readonly commands: string[];
  data: string;
}

/** A mail server that accepts every message and keeps what it was sent. */
function fakeMailServer(received: Received[]): Server {
  return createServer((socket) => {
    const session: Received = { commands: [], data: '' };
    received.push(session);
    let inData = false;
    let buffer = '';
    socket.write('220 localhost ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            socket.write('250 2.0.0 queued\r\n');
          } else session.data += `${line}\n`;
          continue;
        }
        session.commands.push(line);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-localhost\r\n250 8BITMIME\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
}

const received: Received[] = [];
const server = fakeMailServer(received);
let port = 0;
before(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
after(() => server.close());

test('a message reaches the mail server with its envelope, headers and text', async () => {
  const mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`, 'Peerconomy <coop@example.org>');
  const text =
    'Hello,\n\nopen https://coop.example.org/links/redeem?token=abc\n\nHallo, öffne ihn.\n';
  const sent = await mailer.send({ to: 'ada@example.org', subject: 'Your invitation', text });
  assert.deepEqual(sent, { ok: true, value: undefined });
  const session = received.at(-1)!;
  assert.ok(session.commands.includes('MAIL FROM:<coop@example.org>'), session.commands.join('|'));
  assert.ok(session.commands.includes('RCPT TO:<ada@example.org>'), session.commands.join('|'));
  assert.match(session.data, /^To: ada@example.org$/m);
  assert.match(session.data, /^Subject: Your invitation$/m);
  // The text is quoted-printable (it has umlauts): "=" is written "=3D".
  assert.match(session.data, /^Content-Transfer-Encoding: quoted-printable$/m);
  assert.match(session.data, /links\/redeem\?token=3Dabc/);
});

test('a mail server that cannot be reached is refused as mail.not_sent', async () => {
  const closed = createServer();
  closed.listen(0, '127.0.0.1');
  await once(closed, 'listening');
  const unused = (closed.address() as AddressInfo).port;
  closed.close();
  await once(closed, 'close');
  const mailer = createSmtpMailer(`smtp://127.0.0.1:${unused}`, 'coop@example.org');
  const sent = await mailer.send({ to: 'ada@example.org', subject: 's', text: 't' });
  assert.equal(sent.ok, false);
  assert.equal(!sent.ok && sent.error.code, 'mail.not_sent');
});
