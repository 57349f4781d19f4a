import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseListItem } from '@accord/contracts';
import { caseKeys, casesApi, type CaseListQuery } from '../../api/cases';
import { outcomeKeys, outcomesApi, type ObligationDueItem, type ObligationListQuery } from '../../api/outcomes';
import { formatFen } from '../../lib/money';
import { addDays, shanghaiParts } from '../../lib/shanghai';
import { CaseLine, DayCard, DueTag } from './DayCard';

/** Enough to count a working list exactly in the usual case ("50+" beyond), and show its first few. */
export const HOME_PAGE_SIZE = 50;
export const HOME_SHOWN = 5;

/**
 * What waits on the bank: cases returned for more information, and cases whose last comment
 * is the center's (a question not yet answered). The scope decides whose: a handler's subtree,
 * the whole institution for its admin.
 */
export function WaitingOnBank({ today }: { today: string }) {
  const { t } = useTranslation();
  const query: CaseListQuery = { awaiting: 'institution', page: 1, pageSize: HOME_PAGE_SIZE };
  const list = useQuery({ queryKey: caseKeys.list(query as Record<string, unknown>), queryFn: ({ signal }) => casesApi.list(query, signal) });
  const items = list.data?.items ?? [];
  return (
    <DayCard<CaseListItem>
      testId="home-waiting-bank"
      title={t('homeDay.waitingOnBank')}
      count={items.length}
      capped={list.data?.totalIsCapped}
      items={items.slice(0, HOME_SHOWN)}
      loading={list.isPending}
      rowKey={(c) => c.id}
      seeAll="/cases?awaiting=institution"
      renderItem={(c) => (
        <CaseLine
          caseId={c.id}
          caseNumber={c.caseNumber}
          who={c.consumerName}
          what={c.status === 'returned' ? t('homeDay.returned') : t('homeDay.centerAsked')}
          clock={
            c.status === 'returned' && c.intakeClock.dueOn ? (
              <DueTag dueOn={c.intakeClock.dueOn} today={today} />
            ) : (
              <span style={{ whiteSpace: 'nowrap', fontSize: 12 }}>{t('homeDay.since', { date: shanghaiParts(c.updatedAt).date })}</span>
            )
          }
        />
      )}
    />
  );
}

/** What the institution owes under settlements, due by tomorrow or already overdue. */
export function ObligationsDue({ today }: { today: string }) {
  const { t } = useTranslation();
  const query: ObligationListQuery = { owedBy: 'institution', dueBy: addDays(today, 1), page: 1, pageSize: HOME_PAGE_SIZE };
  const list = useQuery({ queryKey: outcomeKeys.obligationList(query), queryFn: ({ signal }) => outcomesApi.obligations(query, signal) });
  const items = list.data?.items ?? [];
  return (
    <DayCard<ObligationDueItem>
      testId="home-obligations"
      title={t('homeDay.obligationsDue')}
      count={items.length}
      capped={(list.data?.total ?? 0) > items.length}
      items={items.slice(0, HOME_SHOWN)}
      loading={list.isPending}
      rowKey={(o) => o.id}
      renderItem={(o) => (
        <CaseLine
          caseId={o.caseId}
          caseNumber={o.caseNumber}
          what={o.amountFen === null ? o.description : `${o.description} · ${formatFen(o.amountFen)}`}
          clock={<DueTag dueOn={o.dueOn} today={today} />}
        />
      )}
    />
  );
}
