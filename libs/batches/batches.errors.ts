import { ConflictError, DomainError, NotFoundError } from '@accord/core';

export const BatchNotFound = () => new NotFoundError('Case batch', 'CASE_BATCH_NOT_FOUND');
/** A batch holds one institution's cases only (the joint opinion's 类案: one respondent, one product or event). */
export const BatchMixesInstitutions = () => new DomainError('BATCH_MIXES_INSTITUTIONS', 422, 'A batch holds the cases of one institution only', { field: 'caseIds' });
export const BatchMixesDisputeTypes = () => new DomainError('BATCH_MIXES_DISPUTE_TYPES', 422, 'A batch holds cases of one dispute type only', { field: 'caseIds' });
export const BatchCaseNotOpen = (caseNumber: string | null) =>
  new DomainError('BATCH_CASE_NOT_OPEN', 422, `Case ${caseNumber ?? ''} is not open for mediation (accepted and not concluded)`, { field: 'caseIds' });
export const CaseAlreadyInBatch = (caseNumber: string | null) => new ConflictError('CASE_ALREADY_IN_BATCH', `Case ${caseNumber ?? ''} is in another batch already`, { field: 'caseIds' });
export const NotLeadMediatorCase = () => new DomainError('BATCH_MEDIATOR_DIFFERS', 422, 'The case has another mediator than the batch’s lead mediator; assign it to the lead first');
