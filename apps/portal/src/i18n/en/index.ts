import type { Resources } from '../zh-CN';
import type { Shape } from '../shape';
import common from './common';
import problems from './problems';
import caseTerms from './case-terms';
import cases from './cases';
import scheduling from './scheduling';
import sessionConsole from './session-console';
import video from './video';
import outcomes from './outcomes';
import documents from './documents';
import statistics from './statistics';
import rankings from './rankings';
import regulatorConsole from './console';
import organisations from './organisations';
import messages from './messages';
import consumer from './consumer';
import warnings from './warnings';
import reports from './reports';
import consoleInstitutions from './console-institutions';
import homeDay from './home-day';
import timeline from './timeline';
import notifications from './notifications';
import security from './security';
import privacy from './privacy';
import webhooks from './webhooks';
import consent from './consent';
import quality from './quality';
import extensions from './extensions';
import batches from './batches';

/** The portal's English strings: the same feature modules and keys as zh-CN/. */
const en: Shape<Resources> = {
  ...common,
  ...problems,
  ...caseTerms,
  ...cases,
  ...scheduling,
  ...sessionConsole,
  ...video,
  ...outcomes,
  ...documents,
  ...statistics,
  ...rankings,
  ...regulatorConsole,
  ...organisations,
  ...messages,
  ...consumer,
  ...warnings,
  ...reports,
  ...consoleInstitutions,
  ...homeDay,
  ...timeline,
  ...notifications,
  ...security,
  ...privacy,
  ...webhooks,
  ...consent,
  ...quality,
  ...extensions,
  ...batches,
};

export default en;
