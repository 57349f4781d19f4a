import { Injectable } from '@nestjs/common';
import { Database, SYSTEM_SCOPE } from '@accord/core';
import { PersonalDataService } from '@accord/cases';
import { DirectoryService } from '@accord/organisations';
import { ConsumerLinkService } from '@accord/scheduling';
import { renderPersonalDataCopy } from '../documents/personal-data-pdf';

/**
 * The consumer's copy of their personal data (PIPL art. 45), asked for through any of their case
 * links with the access token the one-time code gave them: the case is the link's, never another;
 * the request is audited in the center's trail with where it came from.
 */
@Injectable()
export class ConsumerDataService {
  constructor(
    private readonly db: Database,
    private readonly links: ConsumerLinkService,
    private readonly personalData: PersonalDataService,
    private readonly directory: DirectoryService,
  ) {}

  async copy(accessToken: string, client: { ip?: string; userAgent?: string; requestId?: string } = {}): Promise<{ fileName: string; contentType: string; body: Buffer }> {
    const { copy, centerName } = await this.db.run(
      SYSTEM_SCOPE,
      async () => {
        const access = await this.links.accessForAnyPurpose(accessToken);
        const copy = await this.personalData.copyFor(access.caseId);
        const centerName = (await this.directory.organisationNames([copy.centerId])).get(copy.centerId) ?? '';
        return { copy, centerName };
      },
      client,
    );
    const body = await renderPersonalDataCopy(copy, centerName, new Date());
    return { fileName: `个人信息副本_${copy.caseNumber ?? 'case'}.pdf`, contentType: 'application/pdf', body };
  }
}
