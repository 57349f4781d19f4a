import type { DocumentKind, DocumentStatus, SignatureParty } from './outcomes';

/** One party's signature as others see it (the consumer's name masked for everyone but the document itself). */
export interface DocumentSignatureView {
  party: SignatureParty;
  name: string;
  via: 'portal' | 'consumer_link';
  signedAt: string;
}

/** A document of a case (调解协议书 / 终止调解告知书) and where its signing stands. */
export interface CaseDocumentView {
  id: string;
  caseId: string;
  kind: DocumentKind;
  version: number;
  status: DocumentStatus;
  createdAt: string;
  /** Who signs, in order: the agreement all three parties, the termination notice the mediator alone. */
  parties: SignatureParty[];
  signatures: DocumentSignatureView[];
  /** Whose turn it is; null once signed (or superseded). */
  nextParty: SignatureParty | null;
  /** Whether the caller may sign now (their party is next and they are that party). */
  youMaySign: boolean;
  signedAt: string | null;
  /** SHA-256 of the signed original, hex; null before. */
  sha256: string | null;
  sizeBytes: number | null;
  /** When the consumer's signing link was last sent. */
  consumerLinkSentAt: string | null;
}

/** What the consumer sees through a signing link. */
export interface ConsumerDocumentView {
  caseNumber: string;
  centerName: string;
  kind: DocumentKind;
  version: number;
  status: DocumentStatus;
  nextParty: SignatureParty | null;
  signatures: DocumentSignatureView[];
  /** When the consumer signed, or null. */
  yourSignatureAt: string | null;
  /** The signed original's SHA-256 (hex) once every party signed: what /verify checks. */
  sha256: string | null;
}

/** The answer of the public verification: a signed original is registered by its SHA-256. */
export type DocumentVerification =
  | {
      valid: true;
      sha256: string;
      kind: DocumentKind;
      caseNumber: string;
      centerName: string;
      signedAt: string;
      signatures: { party: SignatureParty; name: string; signedAt: string }[];
    }
  | { valid: false; sha256: string };
