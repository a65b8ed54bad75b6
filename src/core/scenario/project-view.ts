// A scenario's project record seen as a peer project of `src/core/project` (M1), so the runner
// applies the module's rules (who confirms work, forking, leaving the pool) instead of its own.

import type { PersonId, PoolId, ProjectId } from '../ids.ts';
import { type CommonsItemId, type Project, project } from '../project/index.ts';
import type { ProjectSpec } from './types.ts';

/** The project of a record: who confirms its work, the pool when it is in it, and its commons (the
 *  ids of its product definitions, when the caller needs them). */
export function projectView(
  spec: ProjectSpec,
  poolId: string | null = null,
  commons: readonly CommonsItemId[] = [],
): Project {
  return project({
    id: spec.id as ProjectId,
    maintainers: spec.maintainers as readonly PersonId[],
    namedConfirmers: spec.namedConfirmers as readonly PersonId[],
    poolIds: poolId === null ? [] : [poolId as PoolId],
    commons,
  });
}
