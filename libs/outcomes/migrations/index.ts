import { Outcomes1795470300000 } from './1795470300000-outcomes';
import { OutcomesIsolation1795470300001 } from './1795470300001-outcomes-isolation';
import { DocumentContent1795470400000 } from './1795470400000-document-content';
import { SignedTermsTrigger1795470400001 } from './1795470400001-signed-terms-trigger';
import { AmendTerms1795470700000 } from './1795470700000-amend-terms';

/**
 * Outcomes, obligations, documents and signatures, judicial confirmations, follow-ups; their RLS and
 * the triggers that keep signed terms unchanged. In order; libs/schema merges every lib's list into
 * the one migration history.
 */
export const outcomeMigrations: Function[] = [
  Outcomes1795470300000,
  OutcomesIsolation1795470300001,
  DocumentContent1795470400000,
  SignedTermsTrigger1795470400001,
  AmendTerms1795470700000,
];
