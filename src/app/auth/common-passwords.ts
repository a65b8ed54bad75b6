// Passwords too common to allow (ASVS 5.0 6.2.4, 6.2.12): the 49,233 most common passwords of
// leaked password sets, as the zxcvbn-ts project ships them (MIT, see common-passwords.json and
// decision 0060), compared without letter case. The list is read on the first check, not at
// start-up, and kept as a Set: a check is one lookup.
let common: Promise<ReadonlySet<string>> | undefined;

const load = async (): Promise<ReadonlySet<string>> => {
  const { default: data } = await import('./common-passwords.json', { with: { type: 'json' } });
  return new Set(data.passwords.split('\n'));
};

/** Whether a password is on the list of common and breached passwords. */
export async function isCommonPassword(password: string): Promise<boolean> {
  common ??= load();
  return (await common).has(password.toLowerCase());
}
