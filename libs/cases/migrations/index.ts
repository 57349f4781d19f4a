import { Cases1795461230614 } from './1795461230614-cases';
import { CasesIsolation1795461300000 } from './1795461300000-cases-isolation';
import { CaseConcludedIndexes1795470600000 } from './1795470600000-case-concluded-indexes';
import { HomeFilterIndexes1796610126487 } from './1796610126487-home-filter-indexes';
import { PersonalDataRetention1796612948019 } from './1796612948019-personal-data-retention';
import { ConsumerConsent1796619425517 } from './1796619425517-consumer-consent';
import { ConsumerChosenMediator1796620706154 } from './1796620706154-consumer-chosen-mediator';
import { MediationClock1796619496571 } from './1796619496571-mediation-clock';

/**
 * The cases' tables (and the working-day calendar they count deadlines in), their RLS and indexes. In
 * order; libs/schema merges every lib's list into the one migration history.
 */
export const caseMigrations: Function[] = [
  Cases1795461230614,
  CasesIsolation1795461300000,
  CaseConcludedIndexes1795470600000,
  HomeFilterIndexes1796610126487,
  PersonalDataRetention1796612948019,
  ConsumerConsent1796619425517,
  ConsumerChosenMediator1796620706154,
  MediationClock1796619496571,
];
