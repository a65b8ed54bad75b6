// The mail that carries a one-time link: an invitation to a pool or a new password, in English
// and German in one message (the server knows no language of a person who has no account yet).
import type { MailMessage } from '../ports/mailer.ts';

export interface LinkMailFacts {
  readonly kind: 'invitation' | 'reset';
  readonly to: string;
  readonly poolId: string;
  readonly login: string;
  /** The server's public address, without a trailing slash. */
  readonly publicUrl: string;
  readonly token: string;
  readonly expiresAt: number;
}

export function linkMailMessage(facts: LinkMailFacts): MailMessage {
  const link = `${facts.publicUrl.replace(/\/+$/, '')}/links/redeem?token=${encodeURIComponent(facts.token)}`;
  const until = `${new Date(facts.expiresAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const pool = `"${facts.poolId}"`;
  const login = `"${facts.login}"`;
  const [en, de] =
    facts.kind === 'invitation'
      ? [
          `you are invited to the pool ${pool} on Peerconomy, with the login ${login}.\nOpen this link to set your password (it works once, until ${until}):`,
          `du bist zum Pool ${pool} auf Peerconomy eingeladen, mit dem Login ${login}.\nÖffne diesen Link, um dein Passwort zu setzen (er gilt einmal, bis ${until}):`,
        ]
      : [
          `a coordinator of the pool ${pool} made a link that sets a new password for your Peerconomy login ${login}.\nOpen it to choose one (it works once, until ${until}):`,
          `eine Koordinatorin oder ein Koordinator des Pools ${pool} hat einen Link erstellt, der ein neues Passwort für deinen Peerconomy-Login ${login} setzt.\nÖffne ihn, um eines zu wählen (er gilt einmal, bis ${until}):`,
        ];
  const subject =
    facts.kind === 'invitation'
      ? `Peerconomy: your invitation to ${facts.poolId} / deine Einladung zu ${facts.poolId}`
      : 'Peerconomy: a new password / ein neues Passwort';
  return {
    to: facts.to,
    subject,
    text: `Hello,\n\n${en}\n${link}\n\n---\n\nHallo,\n\n${de}\n${link}\n`,
  };
}
