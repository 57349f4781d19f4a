/**
 * Every `code` an error of the API carries, defined here once: the errors are thrown with these
 * (DomainError takes a ProblemCode, so a code missing here does not compile), /api/docs lists them
 * in the Problem schema, and the portal and banks' clients read them as a union type. `status` is
 * the HTTP status the code comes with.
 */
export const PROBLEM_CODES = {
  ABSENCE_NOT_FOUND: { status: 404, description: "No such absence, or not the caller's to see (another tenant's id answers the same)" },
  ACCOUNT_LOCKED: { status: 429, description: 'Too many wrong passwords for this account: try again later' },
  ACTION_NOT_ALLOWED: { status: 403, description: 'You may not … on this case' },
  ADDRESS_LOCKED: { status: 429, description: 'Too many wrong passwords from this address: try again later' },
  AGREEMENT_NOT_DRAFTED: { status: 409, description: 'There is no agreement draft to return for correction' },
  API_KEY_NOT_ALLOWED: { status: 403, description: 'API keys cannot use this endpoint' },
  API_KEY_NOT_FOUND: { status: 404, description: "No such API key, or not the caller's to see (another tenant's id answers the same)" },
  ARCHIVE_REFUSED: { status: 422, description: 'The document expands too much to be accepted (…)' },
  ATTACHMENT_NOT_FOUND: { status: 404, description: "No such attachment, or not the caller's to see (another tenant's id answers the same)" },
  ATTACHMENT_TOO_LARGE: { status: 413, description: 'Attachments may be at most … MB' },
  ATTACHMENT_TYPE_REFUSED: { status: 415, description: 'Only PDF, images (JPEG, PNG, WebP, HEIC, TIFF) and office documents are accepted' },
  BAD_REQUEST: { status: 400, description: 'The request could not be read (malformed JSON, a bad header)' },
  BRANCH_NOT_FOUND: { status: 404, description: "No such branch, or not the caller's to see (another tenant's id answers the same)" },
  CALENDAR_YEAR_MISSING: { status: 422, description: 'The working-day calendar has no data for …; a center admin must add that year' },
  CALL_ENDED: { status: 409, description: 'The call has already ended' },
  CALL_NOT_ENDED: { status: 409, description: 'Upload the recording once the call has ended' },
  CALL_NOT_FOUND: { status: 404, description: "No such call, or not the caller's to see (another tenant's id answers the same)" },
  CANNOT_DEACTIVATE_SELF: { status: 409, description: 'You cannot deactivate your own account' },
  CASE_NOT_ASSIGNED: { status: 409, description: 'Sessions are booked for a case with a mediator assigned' },
  CASE_NOT_CONCLUDED: { status: 409, description: 'The follow-up survey goes out once the case has its outcome' },
  CASE_NOT_FOUND: { status: 404, description: "No such case, or not the caller's to see (another tenant's id answers the same)" },
  CAUCUS_OPEN: { status: 409, description: 'A private talk is already going on; bring everyone back first' },
  CENTER_NOT_FOUND: { status: 404, description: "No such center, or not the caller's to see (another tenant's id answers the same)" },
  CHUNK_OUT_OF_ORDER: { status: 409, description: 'Chunks are uploaded in order' },
  CODE_EXPIRED: { status: 400, description: 'The code has expired; request a new one' },
  CODE_INVALID: { status: 400, description: 'The code is wrong or has been used' },
  CODE_TAKEN: { status: 409, description: 'This … is already in use' },
  CODE_TOO_SOON: { status: 429, description: 'A code was just sent; wait before asking again' },
  CONFLICT_OF_INTEREST: { status: 409, description: 'This mediator is affiliated with the respondent institution and may not mediate its cases' },
  CONSENT_ANSWERED: { status: 409, description: 'This consent request was already answered, withdrawn or has expired' },
  CONSENT_AWAITED: { status: 409, description: 'The consumer is reading this referral to consent to it: cancel the consent request before changing it' },
  CONSENT_CLOSED: { status: 409, description: 'The consumer declined this referral or let the link expire: it can only be discarded' },
  CONSENT_NOT_FOUND: { status: 404, description: 'No such consent request' },
  CONSENT_TEXT_CHANGED: { status: 409, description: 'The consent text the consumer read is not the current one: reload and read it again' },
  CONSUMER_ACCESS_INVALID: { status: 401, description: 'Enter the code from your phone again' },
  DOCUMENT_BEING_GENERATED: { status: 409, description: 'Another draft of this document was just generated' },
  DOCUMENT_NOT_FOUND: { status: 404, description: "No such document, or not the caller's to see (another tenant's id answers the same)" },
  DOCUMENT_SIGNED: { status: 409, description: 'The document is signed and frozen' },
  DOCUMENT_SIGNING_STARTED: { status: 409, description: 'Someone has signed this document already: it can no longer be regenerated' },
  DOCUMENT_SUPERSEDED: { status: 409, description: 'A newer version of this document replaced it' },
  EXPORT_TOO_LARGE: { status: 422, description: 'The list holds more than … rows (…+): narrow the filters and export again' },
  FOLLOW_UP_ANSWERED: { status: 409, description: 'This follow-up survey has already been answered; thank you' },
  FOLLOW_UP_NOT_FOUND: { status: 404, description: "No such follow up, or not the caller's to see (another tenant's id answers the same)" },
  FORBIDDEN: { status: 403, description: 'The caller may not do this' },
  HTTP_ERROR: { status: 400, description: 'Another HTTP error the server did not name' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, description: 'This Idempotency-Key was already used for a different request' },
  IDEMPOTENT_REQUEST_IN_PROGRESS: { status: 409, description: 'A request with this Idempotency-Key is still being processed; retry shortly' },
  ILLEGAL_TRANSITION: { status: 409, description: 'The case is not in a state that allows this move (currentStatus, attempted)' },
  INSTITUTION_ONLY: { status: 403, description: 'Only an institution sets this policy' },
  INTERNAL: { status: 500, description: 'Something went wrong on the server; the request changed nothing' },
  INVALID_CREDENTIALS: { status: 401, description: 'Wrong username or password' },
  INVALID_REFRESH_TOKEN: { status: 401, description: 'Unknown refresh token' },
  INVALID_SECOND_FACTOR: { status: 401, description: 'The code is wrong or was already used' },
  JUDICIAL_CONFIRMATION_NOT_FOUND: { status: 404, description: "No such judicial confirmation, or not the caller's to see (another tenant's id answers the same)" },
  LINK_EXPIRED: { status: 410, description: 'This link has expired; ask the mediation center for a new one' },
  LINK_LOCKED: { status: 429, description: 'Too many wrong codes; ask the mediation center for a new link' },
  LINK_NOT_FOUND: { status: 404, description: "No such link, or not the caller's to see (another tenant's id answers the same)" },
  MEDIATOR_ABSENT: { status: 409, description: 'The mediator is away then (…); remove the absence first or book another time' },
  MEDIATOR_NOT_FOUND: { status: 404, description: "No such mediator, or not the caller's to see (another tenant's id answers the same)" },
  MEDIATOR_NOT_OFFERED: { status: 422, description: 'Choose one of the mediators offered on this page' },
  MEDIATOR_RECUSED: { status: 409, description: 'This mediator has recused from this case' },
  MEMBERSHIP_EXISTS: { status: 409, description: 'This institution is already a member of the center' },
  MEMBERSHIP_NOT_FOUND: { status: 404, description: "No such membership, or not the caller's to see (another tenant's id answers the same)" },
  MESSAGE_NOT_FOUND: { status: 404, description: "No such message, or not the caller's to see (another tenant's id answers the same)" },
  METHOD_NOT_ALLOWED: { status: 405, description: 'The route does not take this method' },
  METHOD_STEP_NOT_FOUND: { status: 404, description: "No such method step, or not the caller's to see (another tenant's id answers the same)" },
  NOTE_CONFLICT: { status: 409, description: 'The notes were saved elsewhere since this version; merge and save again' },
  NOTICE_NOT_FOUND: { status: 404, description: "No such notice, or not the caller's to see (another tenant's id answers the same)" },
  NOTIFICATION_NOT_FOUND: { status: 404, description: "No such notification, or not the caller's to see (another tenant's id answers the same)" },
  NOT_FOUND: { status: 404, description: 'No such route or resource' },
  NOT_THE_SIGNER: { status: 403, description: 'Only the respondent bank’s representative or the assigned mediator signs this document' },
  NO_CAUCUS: { status: 409, description: 'No private talk is going on' },
  NO_PENDING_ENROLMENT: { status: 409, description: 'Start enrolment first: there is no authenticator waiting for its first code' },
  OBLIGATIONS_OPEN: { status: 409, description: 'The case can be closed once every obligation is performed' },
  OBLIGATION_NOT_FOUND: { status: 404, description: "No such obligation, or not the caller's to see (another tenant's id answers the same)" },
  OBLIGATION_NOT_YOURS: { status: 409, description: 'Only the center marks what the consumer owes as performed' },
  OBLIGATION_PERFORMED: { status: 409, description: 'This obligation is already marked performed' },
  ORGANISATION_NOT_FOUND: { status: 404, description: "No such organisation, or not the caller's to see (another tenant's id answers the same)" },
  OUTCOME_DOES_NOT_FIT: { status: 409, description: "The document does not fit the case's outcome" },
  OUTCOME_KIND_FIXED: { status: 409, description: 'The case ended …; its details can be corrected, not what it ended in' },
  OUTCOME_NOT_FOUND: { status: 404, description: "No such outcome, or not the caller's to see (another tenant's id answers the same)" },
  OUTLET_NOT_MEMBER: { status: 422, description: 'The outlet is not a branch of a member institution of this center' },
  OUTSIDE_WORKING_HOURS: { status: 422, description: 'The time is outside the mediator’s working hours or the center’s working days; give outsideHoursReason to book it anyway' },
  PAYLOAD_TOO_LARGE: { status: 413, description: 'The body is larger than the route accepts' },
  QUALITY_REVIEW_NOT_FOUND: { status: 404, description: "No such quality review, or not the caller's to see (another tenant's id answers the same)" },
  RATE_LIMITED: { status: 429, description: 'Too many sign-in attempts from this address; wait a minute' },
  RECORDING_ENDED: { status: 409, description: 'The recording has ended' },
  RECORDING_EXISTS: { status: 409, description: 'This call already has its recording' },
  RECORDING_NOT_AUDIO: { status: 415, description: 'A recording must be an audio file (MP3, M4A, WAV, OGG, WebM)' },
  RECORDING_NOT_FOUND: { status: 404, description: "No such recording, or not the caller's to see (another tenant's id answers the same)" },
  RECORDING_TOO_LARGE: { status: 413, description: 'Recordings may be at most … MB' },
  REFRESH_TOKEN_REUSED: { status: 401, description: 'This refresh token was already used; the session has been ended' },
  REPORT_FORBIDDEN: { status: 403, description: 'The monthly report is for regulators' },
  RESOURCE_NOT_FOUND: { status: 404, description: "No such resource, or not the caller's to see (another tenant's id answers the same)" },
  REVIEWER_IS_CASE_MEDIATOR: { status: 422, description: 'A reviewer never reviews a case they mediated' },
  REVIEW_ALREADY_DONE: { status: 409, description: 'This case has already been reviewed' },
  ROLE_REQUIRED: { status: 403, description: 'Only the mediator or a center admin changes these' },
  ROOM_INACTIVE: { status: 422, description: 'The room has been retired and takes no new bookings' },
  ROOM_NAME_TAKEN: { status: 409, description: 'The center already has a room of that name' },
  ROOM_NOT_FOUND: { status: 404, description: "No such room, or not the caller's to see (another tenant's id answers the same)" },
  ROOM_NOT_OPEN: { status: 409, description: 'The video room opens 30 minutes before the session starts' },
  ROUTE_NOT_FOUND: { status: 404, description: "No such route, or not the caller's to see (another tenant's id answers the same)" },
  SECOND_FACTOR_NOT_ENROLLED: { status: 403, description: 'No second factor is set up for this account' },
  SECOND_FACTOR_REQUIRED: { status: 401, description: 'The password was right; the second factor decides (stage, secondFactorToken)' },
  SECOND_FACTOR_TOKEN_INVALID: { status: 401, description: 'This sign-in has expired; enter your password again' },
  SESSION_ENDED: { status: 401, description: 'Your session has ended; sign in again' },
  SESSION_NOT_FOUND: { status: 404, description: "No such session, or not the caller's to see (another tenant's id answers the same)" },
  SESSION_NOT_LIVE: { status: 409, description: 'A session that is … cannot be changed' },
  SESSION_NOT_OPEN_YET: { status: 409, description: 'The session can be opened from an hour before its start' },
  SESSION_STATE_CONFLICT: { status: 409, description: 'A session that is … cannot be …' },
  SIGNATURE_OUT_OF_ORDER: { status: 409, description: 'It is the {nextParty ??' },
  SLOT_TAKEN: { status: 409, description: 'The mediator or the room is already booked at that time (conflictWith)' },
  STEP_UP_REQUIRED: { status: 403, description: 'Enter the code from your authenticator to continue' },
  TERMS_FIXED: { status: 409, description: 'The outcome can no longer be corrected: …' },
  UNAUTHENTICATED: { status: 401, description: 'Sign-in required: no, an expired or a revoked token or API key' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'The body is not of a type the route accepts' },
  USERNAME_TAKEN: { status: 409, description: 'This username is already in use' },
  USER_NOT_FOUND: { status: 404, description: "No such user, or not the caller's to see (another tenant's id answers the same)" },
  VALIDATION_FAILED: { status: 400, description: 'Invalid input: {fields.map((f) => f.field).join(' },
  VERSION_CONFLICT: { status: 409, description: 'Someone else changed this case; reload it and try again' },
  WARNINGS_FORBIDDEN: { status: 403, description: 'Early warnings are for regulators and institutions' },
  WARNING_ALREADY_ACKNOWLEDGED: { status: 409, description: 'The warning has been acknowledged already' },
  WARNING_NOTICE_ANSWERED: { status: 409, description: 'The notice has been answered already' },
  WARNING_NOTICE_FORBIDDEN: { status: 403, description: 'Only a regulator sends a supervisory notice' },
  WARNING_NOTICE_OPEN: { status: 409, description: 'A notice on this warning still awaits its answer' },
  WARNING_NOT_FOUND: { status: 404, description: "No such warning, or not the caller's to see (another tenant's id answers the same)" },
  WEBHOOK_DELIVERY_NOT_FOUND: { status: 404, description: "No such webhook delivery, or not the caller's to see (another tenant's id answers the same)" },
  WEBHOOK_ENDPOINT_NOT_FOUND: { status: 404, description: "No such webhook endpoint, or not the caller's to see (another tenant's id answers the same)" },
} as const satisfies Record<string, { status: number; description: string }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** RFC 9457 problem details, the one shape of every error the API returns. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
  /** The request's id (X-Request-Id): the same id is on its log line and its audit row. */
  requestId?: string;
  [extension: string]: unknown;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
