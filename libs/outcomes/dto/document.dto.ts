import { IsIn } from 'class-validator';
import { DOCUMENT_KINDS, type DocumentKind } from '@accord/contracts';

export class GenerateDocumentDto {
  /** agreement (调解协议书) for a settled case; termination_notice (终止调解告知书) for one not settled or terminated. */
  @IsIn(DOCUMENT_KINDS)
  kind: DocumentKind;
}
