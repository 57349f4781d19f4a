import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  BarChartOutlined,
  AuditOutlined,
  BellOutlined,
  BankOutlined,
  CalendarOutlined,
  ClusterOutlined,
  ControlOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FileAddOutlined,
  FolderOpenOutlined,
  FundOutlined,
  HomeOutlined,
  ImportOutlined,
  InboxOutlined,
  KeyOutlined,
  LockOutlined,
  ApiOutlined,
  MessageOutlined,
  OrderedListOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SendOutlined,
  SmileOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
  WarningOutlined,
  GroupOutlined,
} from '@ant-design/icons';
import { queueBoardApi } from '../api/queue-board';
import type { Role } from '../api/types';

export interface NavItem {
  key: string;
  path: string;
  icon: ReactNode;
  /** null = every signed-in user */
  roles: readonly Role[] | null;
  /** Done on click instead of routing to `path` (a page outside the portal); no route of its own. */
  action?: () => Promise<void>;
}

const ADMINS: readonly Role[] = ['platform_admin', 'center_admin', 'institution_admin'];
/** Bank users who file referrals (网点负责人 and complaint handlers). */
const FILERS: readonly Role[] = ['complaint_handler', 'branch_manager'];
/** Who works the center's intake: the queue, all the center's cases, the caseload board. */
const INTAKE: readonly Role[] = ['center_admin', 'intake_officer'];
/** Regulators read their jurisdiction's cases (consumer identity masked, no timeline), read-only. */
const REGULATORS: readonly Role[] = ['regulator_analyst', 'regulator_supervisor'];

/** The one place that says which role sees which page (menu and route guard both read it). */
export const NAV: readonly NavItem[] = [
  { key: 'home', path: '/', icon: <HomeOutlined />, roles: null },
  { key: 'case-new', path: '/cases/new', icon: <FileAddOutlined />, roles: FILERS },
  /** 监管转办: a supervisor refers a complaint to a center of its jurisdiction, naming the bank. */
  { key: 'case-refer', path: '/cases/refer', icon: <SendOutlined />, roles: ['regulator_supervisor'] },
  {
    key: 'my-cases',
    path: '/cases',
    icon: <FolderOpenOutlined />,
    roles: ['institution_admin', 'branch_manager', 'complaint_handler', 'viewer', 'mediator'],
  },
  { key: 'case-import', path: '/cases/import', icon: <ImportOutlined />, roles: FILERS },
  { key: 'intake', path: '/intake', icon: <InboxOutlined />, roles: INTAKE },
  { key: 'cases', path: '/cases', icon: <FolderOpenOutlined />, roles: [...INTAKE, ...REGULATORS] },
  { key: 'caseload', path: '/caseload', icon: <DashboardOutlined />, roles: INTAKE },
  /** 类案批量: batches of similar cases with one lead mediator (intake builds them and applies to all). */
  { key: 'batches', path: '/batches', icon: <GroupOutlined />, roles: INTAKE },
  /** Sessions as a week calendar: a mediator's own, the center's for intake; a bank reads its cases' under another name. */
  { key: 'schedule', path: '/schedule', icon: <ScheduleOutlined />, roles: ['mediator', ...INTAKE] },
  { key: 'sessions', path: '/schedule', icon: <ScheduleOutlined />, roles: ['complaint_handler', 'branch_manager', 'institution_admin', 'viewer'] },
  /** 提醒消息: the center's SMS/e-mail log (with the development transport, where the texts can be read). */
  { key: 'messages', path: '/messages', icon: <MessageOutlined />, roles: INTAKE },
  /** 回访评价: the consumers' follow-up answers (a mediator's own; the center's for intake). */
  { key: 'follow-ups', path: '/follow-ups', icon: <SmileOutlined />, roles: [...INTAKE, 'mediator'] },
  /** Weekly hours and absences (a mediator's own; a center admin's for every mediator, with the rooms). */
  { key: 'working-hours', path: '/working-hours', icon: <FieldTimeOutlined />, roles: ['center_admin', 'mediator'] },
  { key: 'organisations', path: '/organisations', icon: <ApartmentOutlined />, roles: ['platform_admin'] },
  { key: 'staff', path: '/staff', icon: <TeamOutlined />, roles: ['center_admin'] },
  { key: 'members', path: '/members', icon: <BankOutlined />, roles: ['center_admin'] },
  { key: 'calendar', path: '/calendar', icon: <CalendarOutlined />, roles: ['center_admin'] },
  /** 调解方法: the ordered checklist every session console ticks. */
  { key: 'mediation-method', path: '/mediation-method', icon: <OrderedListOutlined />, roles: ['center_admin'] },
  /** 质量评查: the center admin's rule, checklist and scores; reviewers' queue; a mediator's own reviews. */
  { key: 'quality', path: '/quality', icon: <AuditOutlined />, roles: ['center_admin', 'quality_reviewer', 'mediator'] },
  { key: 'branches', path: '/branches', icon: <ClusterOutlined />, roles: ['institution_admin'] },
  { key: 'users', path: '/users', icon: <UserOutlined />, roles: ['institution_admin'] },
  { key: 'api-keys', path: '/api-keys', icon: <KeyOutlined />, roles: ['institution_admin'] },
  /** Webhook 推送: the bank's endpoints and their delivery log. */
  { key: 'webhooks', path: '/webhooks', icon: <ApiOutlined />, roles: ['institution_admin'] },
  {
    key: 'jurisdiction',
    path: '/jurisdiction',
    icon: <SafetyCertificateOutlined />,
    roles: REGULATORS,
  },
  /** 监管驾驶舱: the regulator's console over its jurisdiction (overview, trends, heat map). */
  { key: 'regulator-console', path: '/regulator-console', icon: <FundOutlined />, roles: REGULATORS },
  /** 统计分析: the success rate per institution (centers, regulators) or per branch (banks). */
  {
    key: 'statistics',
    path: '/statistics',
    icon: <BarChartOutlined />,
    roles: [...INTAKE, 'institution_admin', 'branch_manager', 'complaint_handler', 'viewer', ...REGULATORS],
  },
  /** 红黑榜: institutions (centers, regulators) or a level of branches (banks, within their subtree) ranked. */
  { key: 'rankings', path: '/rankings', icon: <TrophyOutlined />, roles: ['center_admin', 'institution_admin', 'branch_manager', ...REGULATORS] },
  /** 风险预警: referral spikes per institution and business line; regulators of the jurisdiction, institutions their own (the API: users not pinned to a branch). */
  { key: 'warnings', path: '/warnings', icon: <WarningOutlined />, roles: ['institution_admin', ...REGULATORS] },
  { key: 'audit', path: '/audit', icon: <AuditOutlined />, roles: ADMINS },
  /** 任务队列: the job queues' dashboard (bull-board), served by the API in a tab of its own. */
  { key: 'queue-board', path: '/admin/queues', icon: <ControlOutlined />, roles: ['platform_admin'], action: queueBoardApi.open },
  /** 通知中心: the user's notifications (the header's bell shows the latest) and which kinds also go by e-mail. */
  { key: 'notifications', path: '/notifications', icon: <BellOutlined />, roles: null },
  /** 安全设置: everyone's own second factor, recovery codes and signed-in devices. */
  { key: 'security', path: '/account/security', icon: <LockOutlined />, roles: null },
];

export function navRoles(key: string): readonly Role[] | null {
  const item = NAV.find((n) => n.key === key);
  if (!item) throw new Error(`unknown nav key ${key}`);
  return item.roles;
}

/**
 * The routes of the menu, one per path: two items may lead to the same page (a center's
 * "Cases" and a bank's "My cases"), so a path is open to the union of their roles.
 */
export function navRoutes(): { path: string; roles: readonly Role[] | null }[] {
  const byPath = new Map<string, Set<Role> | null>();
  for (const n of NAV) {
    if (n.key === 'home' || n.action) continue;
    const prev = byPath.get(n.path);
    if (prev === null || n.roles === null) byPath.set(n.path, null);
    else byPath.set(n.path, new Set([...(prev ?? []), ...n.roles]));
  }
  return [...byPath].map(([path, roles]) => ({ path, roles: roles ? [...roles] : null }));
}

/** The menu item of a location: the one with the longest matching path (/cases/new beats /cases). */
export function selectedNavKeys(items: readonly NavItem[], pathname: string): string[] {
  const matches = items.filter((n) =>
    n.path === '/' ? pathname === '/' : pathname === n.path || pathname.startsWith(`${n.path}/`),
  );
  const longest = Math.max(0, ...matches.map((n) => n.path.length));
  return matches.filter((n) => n.path.length === longest).map((n) => n.key);
}

/** Pages reached from a list rather than the menu, named for the page's h1 (i18n `pageTitle.*`). */
const DETAIL_PAGES: { pattern: RegExp; key: string }[] = [
  { pattern: /^\/cases\/[^/]+\/edit$/, key: 'caseEdit' },
  { pattern: /^\/cases\/[^/]+$/, key: 'case' },
  { pattern: /^\/sessions\/[^/]+\/video$/, key: 'video' },
  { pattern: /^\/sessions\/[^/]+$/, key: 'session' },
];

/**
 * The i18n key of the page at `pathname`, for its h1 and tab title: a menu item's own path names
 * it (nav.*), a case or session page its kind (pageTitle.*), anything else the menu item it
 * lies under, and a path under none (a page not found) pageTitle.notFound.
 */
export function pageTitleKey(items: readonly NavItem[], pathname: string): string {
  const own = items.find((n) => !n.action && n.path === pathname);
  if (own) return `nav.${own.key}`;
  const detail = DETAIL_PAGES.find((d) => d.pattern.test(pathname));
  if (detail) return `pageTitle.${detail.key}`;
  const [under] = selectedNavKeys(items, pathname);
  return under && under !== 'home' ? `nav.${under}` : 'pageTitle.notFound';
}
