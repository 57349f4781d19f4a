import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CaseDocumentView, ConsumerDocumentView, DocumentVerification } from '@accord/contracts';
import { asDownload, FieldError, Public, RateLimit, readUpload, Roles, UuidParam, ValidationFailedError } from '@accord/core';
import { GenerateDocumentDto } from '../dto/document.dto';
import { ConsumerDocumentService } from '../services/consumer-document.service';
import { DocumentSigningService } from '../services/document-signing.service';
import { DocumentVerificationService } from '../services/document-verification.service';
import { DocumentService } from '../services/document.service';
import { ApiCreated, ApiItems, ApiResult } from '@accord/core';

const CENTER_WRITERS = ['center_admin', 'mediator'] as const;
const SIGNERS = ['mediator', 'center_admin', 'complaint_handler', 'branch_manager', 'institution_admin'] as const;
const READERS = ['center_admin', 'intake_officer', 'mediator', 'liaison_officer', 'institution_admin', 'branch_manager', 'complaint_handler', 'viewer'] as const;
/** The PDF names the consumer in full: those who serve the consumer, and the bank's signers (who read what they sign). */
const PDF_READERS = ['center_admin', 'intake_officer', 'mediator', 'institution_admin', 'branch_manager', 'complaint_handler'] as const;

/** The case's agreement and termination notice: drafts, signatures in order, the signed original. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('cases/:caseId/documents')
export class DocumentController {
  constructor(
    private readonly documents: DocumentService,
    private readonly signing: DocumentSigningService,
  ) {}

  /** A draft from the recorded outcome; before anyone signed, a new one supersedes the old (version + 1). */
  @Post()
  @Roles(...CENTER_WRITERS)
  @ApiCreated('CaseDocumentView')
  generate(@Param('caseId', new UuidParam('Case')) caseId: string, @Body() body: GenerateDocumentDto): Promise<CaseDocumentView> {
    return this.documents.generate(caseId, body.kind);
  }

  @Get()
  @Roles(...READERS)
  @ApiItems('CaseDocumentView')
  list(@Param('caseId', new UuidParam('Case')) caseId: string): Promise<{ items: CaseDocumentView[] }> {
    return this.documents.list(caseId);
  }

  /** The draft for review, or the signed original (the file whose SHA-256 is registered). */
  @Get(':documentId/pdf')
  @Roles(...PDF_READERS)
  async pdf(
    @Param('caseId', new UuidParam('Case')) caseId: string,
    @Param('documentId', new UuidParam('Document')) documentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return asDownload(reply, await this.documents.pdf(caseId, documentId));
  }

  /** The respondent bank's representative, then (after the consumer) the assigned mediator. */
  @Post(':documentId/sign')
  @HttpCode(200)
  @Roles(...SIGNERS)
  @ApiResult('CaseDocumentView')
  sign(@Param('caseId', new UuidParam('Case')) caseId: string, @Param('documentId', new UuidParam('Document')) documentId: string): Promise<CaseDocumentView> {
    return this.signing.sign(caseId, documentId);
  }

  /** Sends the consumer an SMS link to read and sign (when it is the consumer's turn). */
  @Post(':documentId/consumer-link')
  @Roles('center_admin', 'intake_officer', 'mediator')
  @ApiCreated('ConsumerLinkSent')
  consumerLink(@Param('caseId', new UuidParam('Case')) caseId: string, @Param('documentId', new UuidParam('Document')) documentId: string) {
    return this.signing.sendConsumerLink(caseId, documentId);
  }
}

/** The consumer's side of signing, with `X-Consumer-Token` from verifying the SMS code of a signing link. */
@ApiTags('consumer')
@Public()
@RateLimit({ name: 'consumer.access', by: 'ip' })
@Controller('public/consumer/document')
export class ConsumerDocumentController {
  constructor(private readonly documents: ConsumerDocumentService) {}

  @Get()
  @ApiResult('ConsumerDocumentView')
  view(@Headers('x-consumer-token') accessToken: string | undefined): Promise<ConsumerDocumentView> {
    return this.documents.document(accessToken ?? '');
  }

  @Get('pdf')
  async pdf(@Headers('x-consumer-token') accessToken: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return asDownload(reply, await this.documents.pdf(accessToken ?? ''));
  }

  @Post('sign')
  @HttpCode(200)
  @ApiResult('ConsumerDocumentView')
  sign(@Headers('x-consumer-token') accessToken: string | undefined, @Req() req: FastifyRequest): Promise<ConsumerDocumentView> {
    return this.documents.sign(accessToken ?? '', req.ip);
  }
}

/** Anyone holding a PDF can check that it is a signed original, byte for byte (no sign-in). */
@ApiTags('documents')
@Public()
@RateLimit({ name: 'documents.verify', by: 'ip' })
@Controller('public/documents/verify')
export class DocumentVerificationController {
  constructor(private readonly documents: DocumentVerificationService) {}

  /** The PDF as multipart `file`: valid when its SHA-256 is a signed document's. */
  @Post()
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiResult('DocumentVerification')
  async verify(@Req() req: FastifyRequest): Promise<DocumentVerification> {
    const upload = await readUpload(req);
    if (!upload.body) throw new ValidationFailedError([new FieldError('file', 'the file is larger than any signed document')]);
    return this.documents.verify(upload.body);
  }

  @Get(':sha256')
  @ApiResult('DocumentVerification')
  verifyHash(@Param('sha256') sha256: string): Promise<DocumentVerification> {
    return this.documents.verifyHash(sha256 ?? '');
  }
}
