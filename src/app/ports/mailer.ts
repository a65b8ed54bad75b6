// Sending a mail (an invitation's or a reset's one-time link) when the server is configured
// with an SMTP server. Without one the coordinator passes the link on by hand.
import type { Result } from '../../core/result.ts';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface Mailer {
  /** Hands the message to the mail server; `mail.not_sent` with its reason when it refuses. */
  send(message: MailMessage): Promise<Result<void, { code: 'mail.not_sent'; detail: string }>>;
}

/** The mailer and the address the server is reached at, which the links in a mail start with. */
export interface LinkMail {
  readonly mailer: Mailer;
  readonly publicUrl: string;
}
