/**
 * The consumer's own consent to a referral (PIPL: a separate consent to share their personal data
 * with the center). When the consumer is not at the branch's counter, the branch files the
 * referral as a draft "awaiting consent" and the consumer answers by SMS link or QR code with a
 * one-time code; the referral reaches the center only on "given". Consent at the counter stays
 * possible and records the branch user's attestation instead.
 */
export const CONSENT_STATES = ['awaiting', 'given', 'declined', 'expired', 'cancelled'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

/** A draft's consent that ended without "given": the draft is closed for good, with this reason. */
export const CONSENT_CLOSED_STATES = ['declined', 'expired'] as const satisfies readonly ConsentState[];

/** Why a consumer declines (optional; "other" with their own words). */
export const CONSENT_DECLINE_REASONS = ['prefer_other_route', 'already_resolved', 'not_my_complaint', 'privacy', 'other'] as const;
export type ConsentDeclineReason = (typeof CONSENT_DECLINE_REASONS)[number];

/** Days a consent link stays open unless configured otherwise (CONSENT_LINK_DAYS). */
export const CONSENT_LINK_DAYS_DEFAULT = 7;

/** The consent request as the branch (and, once given, the center) sees it. */
export interface ConsentRequestView {
  id: string;
  caseId: string;
  state: ConsentState;
  /** Masked phone the link went to. */
  sentTo: string;
  requestedAt: string;
  requestedByName: string | null;
  expiresAt: string;
  answeredAt: string | null;
  declineReason: ConsentDeclineReason | null;
  declineNote: string | null;
  /** Evidence of a given consent: the text version and its SHA-256, language, device and address. */
  textVersion: string;
  textSha256: string | null;
  language: string | null;
  device: string | null;
  ip: string | null;
}

/** POST /cases/:id/consent-request: the link itself is shown once (QR code, print), never stored. */
export interface ConsentRequestSent {
  request: ConsentRequestView;
  url: string;
}

/** What the consumer reads before answering: the exact text, in their language, and its version. */
export interface ConsumerConsentView {
  state: ConsentState;
  centerName: string;
  institutionName: string;
  branchName: string;
  expiresAt: string;
  textVersion: string;
  language: 'zh' | 'en';
  /** Paragraphs of the consent text; their SHA-256 (joined by "\n") is what an answer records. */
  paragraphs: string[];
  textSha256: string;
  answeredAt: string | null;
  /** Up to three mediators the consumer may pick from (never one affiliated with the bank); empty when the center does not offer a choice. */
  mediatorChoices: MediatorChoice[];
  /** The one they picked. */
  chosenMediatorId: string | null;
}

export interface MediatorChoice {
  mediatorId: string;
  name: string;
  /** Business lines (BusinessLine keys) the mediator is expert in. */
  expertise: string[];
}

/** GET /cases/:id/consent: newest first. */
export interface ConsentRequestList {
  items: ConsentRequestView[];
}
