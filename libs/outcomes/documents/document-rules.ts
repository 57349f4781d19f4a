import { caseRooms, SIGNATURE_PARTIES } from '@accord/contracts';
import type { CaseDocumentView, DocumentKind, SignatureParty } from '@accord/contracts';
import { AccessScope, ConflictError, DomainError, hasRole, NotFoundError, OutboxMessage } from '@accord/core';
import type { DocumentRow, SignatureRow } from '../repositories/document.repository';

export const DocumentNotFound = () => new NotFoundError('Document', 'DOCUMENT_NOT_FOUND');
export const OutcomeMissing = (kind: DocumentKind, outcome: string | null) =>
  new ConflictError('OUTCOME_DOES_NOT_FIT', kind === 'agreement' ? 'An agreement is drawn up for a settled case only' : 'A termination notice is issued for a case not settled or terminated', {
    kind,
    outcome,
  });
export const SigningStarted = () => new ConflictError('DOCUMENT_SIGNING_STARTED', 'Someone has signed this document already: it can no longer be regenerated');
export const DocumentSigned = () => new ConflictError('DOCUMENT_SIGNED', 'The document is signed and frozen');
export const DocumentSuperseded = () => new ConflictError('DOCUMENT_SUPERSEDED', 'A newer version of this document replaced it');
export const OutOfOrder = (nextParty: SignatureParty | null, party: SignatureParty) =>
  new ConflictError('SIGNATURE_OUT_OF_ORDER', `It is the ${nextParty ?? 'nobody'}'s turn to sign, not the ${party}'s`, { nextParty, party });
export const NotTheSigner = () => new DomainError('NOT_THE_SIGNER', 403, 'Only the respondent bank’s representative or the assigned mediator signs this document');

/** A settled case's agreement needs all three; a termination notice is the mediator's alone. */
const partiesOf = (kind: DocumentKind): SignatureParty[] => (kind === 'agreement' ? [...SIGNATURE_PARTIES] : ['mediator']);

export function nextParty(d: Pick<DocumentRow, 'kind' | 'status'>, signatures: Pick<SignatureRow, 'party'>[]): SignatureParty | null {
  if (d.status === 'signed' || d.status === 'superseded') return null;
  return partiesOf(d.kind).find((p) => !signatures.some((s) => s.party === p)) ?? null;
}

/** Which party the signed-in caller signs for on a case with this mediator, if any. */
export function signingPartyOf(scope: AccessScope, mediatorId: string | null): SignatureParty | null {
  if (scope.kind === 'institution' && hasRole(scope, 'complaint_handler', 'branch_manager', 'institution_admin')) return 'institution';
  if (scope.kind === 'center' && mediatorId !== null && mediatorId === scope.userId) return 'mediator';
  return null;
}

export function documentView(d: DocumentRow, signatures: SignatureRow[]): Omit<CaseDocumentView, 'youMaySign' | 'consumerLinkSentAt'> {
  return {
    id: d.id,
    caseId: d.caseId,
    kind: d.kind,
    version: d.version,
    status: d.status,
    createdAt: d.createdAt.toISOString(),
    parties: partiesOf(d.kind),
    signatures: signatures.map((s) => ({ party: s.party, name: s.signerName, via: s.via, signedAt: s.signedAt.toISOString() })),
    nextParty: nextParty(d, signatures),
    signedAt: d.signedAt?.toISOString() ?? null,
    sha256: d.sha256?.toString('hex') ?? null,
    sizeBytes: d.sizeBytes,
  };
}

/** The event telling the case's rooms that one of its documents changed. */
export function documentChanged(
  scope: AccessScope,
  c: { caseId: string; centerId: string; institutionId: string; branchPath: string; status: string },
  change: string,
): OutboxMessage {
  return {
    type: 'case.updated',
    organisationId: scope.kind === 'system' ? c.centerId : undefined,
    rooms: caseRooms({ id: c.caseId, centerId: c.centerId, institutionId: c.institutionId, branchPath: c.branchPath }),
    payload: { caseId: c.caseId, status: c.status, centerId: c.centerId, change },
    // A signed agreement may be the last thing a settled case waited for before it closes.
    job: change === 'document_signed' ? 'outcomes.close-when-done' : undefined,
  };
}
