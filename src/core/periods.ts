// Period ranges. Residences, dependent statuses, capacities, subscriptions, memberships and
// land leases all hold from a first period to a last one, both inclusive, and most may be
// open-ended; one check decides whether a period falls in such a range, so they all agree.

/**
 * True when `period` lies in `fromPeriod..untilPeriod`, both inclusive. An absent end
 * (undefined, or null as the scenario format writes it) means "until further notice".
 */
export function inPeriodRange(
  period: number,
  fromPeriod: number,
  untilPeriod?: number | null,
): boolean {
  return (
    period >= fromPeriod &&
    (untilPeriod === undefined || untilPeriod === null || period <= untilPeriod)
  );
}
