// The Mailer port over SMTP (nodemailer), configured by a URL such as
// smtp://user:password@mail.example.org:587 or smtps://…:465. nodemailer is loaded on the first
// mail, so a server that never sends one does not load it. Timeouts are short: a request waits
// for the mail server, and a mail server that does not answer must not hold it for minutes.

import type { Mailer } from '../app/ports/mailer.ts';
import { failure, ok } from '../core/result.ts';

const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export function createSmtpMailer(url: string, from: string): Mailer {
  let transport: Promise<import('nodemailer').Transporter> | undefined;
  return {
    async send(message) {
      try {
        transport ??= import('nodemailer').then((nodemailer) =>
          nodemailer.createTransport({ url, ...TIMEOUTS }),
        );
        await (await transport).sendMail({ from, ...message });
        return ok(undefined);
      } catch (error) {
        return failure('mail.not_sent', (error as Error).message);
      }
    },
  };
}
