// The sections of mechanisms a run may use (work, goods, resources, housing, possession,
// services, planning, and decisions 0014–0020), in page order after the charts; a section appears only when its mechanism shows up in the report.
import type { ReportContext, Section } from '../section.ts';
import { allocationModelsSection, biddingChargesSection, flatRatesSection } from './allocation.ts';
import { commitmentsSection } from './commitments.ts';
import {
  meansWrittenOffSection,
  reservationsSection,
  servicesUnusedSection,
} from './completion.ts';
import { dwellingsSection } from './dwellings.ts';
import { effortPricesSection } from './effort-prices.ts';
import { federationWriteOffsSection } from './federation.ts';
import { goodsTakenSection, scarceGoodsSection } from './goods.ts';
import { housingSection } from './housing.ts';
import { membershipSection, moneySection } from './membership.ts';
import { personalServicesSection } from './personal-services.ts';
import { planningSection } from './planning.ts';
import { possessionSection } from './possession.ts';
import { postedPricesSection } from './posted-prices.ts';
import { projectsSection } from './projects.ts';
import { resourcesSection } from './resources.ts';
import { settingsSection } from './settings.ts';
import { workSection } from './work.ts';

/** The ids of the mechanism sections, in page order. */
export const MECHANISM_IDS = [
  'work',
  'goods-taken',
  'scarce-goods',
  'resources',
  'housing',
  'possession',
  'personal-services',
  'planning',
  'commitments',
  'effort-prices',
  'allocation-models',
  'membership',
  'money',
  'projects',
  'posted-prices',
  'flat-rates',
  'bidding-charges',
  'dwellings',
  'federation-write-offs',
  'settings',
  'reservations',
  'means-written-off',
  'services-unused',
] as const;

export function mechanismSections(ctx: ReportContext): Section[] {
  return [
    workSection(ctx),
    goodsTakenSection(ctx),
    scarceGoodsSection(ctx),
    resourcesSection(ctx),
    housingSection(ctx),
    possessionSection(ctx),
    personalServicesSection(ctx),
    planningSection(ctx),
    commitmentsSection(ctx),
    effortPricesSection(ctx),
    allocationModelsSection(ctx),
    membershipSection(ctx),
    moneySection(ctx),
    projectsSection(ctx),
    postedPricesSection(ctx),
    flatRatesSection(ctx),
    biddingChargesSection(ctx),
    dwellingsSection(ctx),
    federationWriteOffsSection(ctx),
    settingsSection(ctx),
    reservationsSection(ctx),
    meansWrittenOffSection(ctx),
    servicesUnusedSection(ctx),
  ].filter((s): s is Section => s !== null);
}
