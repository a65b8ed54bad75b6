// Where the open-books pages are, and the button that recomputes the books.
import { areaHref } from '../pool-nav.tsx';

export const booksHref = (poolId: string, rest = '') => `${areaHref(poolId, 'books')}${rest}`;

/** A plain GET form, so it works without script and a reload only verifies again. */
export function VerifyButton({ poolId, label }: { poolId: string; label: string }) {
  return (
    <form method="get" action={booksHref(poolId, '/verify')}>
      <button type="submit">{label}</button>
    </form>
  );
}
