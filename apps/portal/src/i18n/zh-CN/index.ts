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

/**
 * The portal's Chinese strings, one module per feature (the screens that use them); i18next sees
 * them as one dictionary, so a key is `feature.key` whichever module holds it. zh-CN is the
 * reference: en/ must have the same keys (Shape).
 */
const zhCN = {
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

export default zhCN;
export type Resources = typeof zhCN;
