import type { BranchLevel, Role } from '@accord/contracts';

/** The demo world: two centers, four banks with branch trees, two regulators, one user per role. */
export const DEMO_PASSWORD = 'Accord-demo-2026';

/** Every demo user's e-mail address, under the reserved .test domain (RFC 2606): nothing real receives it. */
export const demoEmail = (username: string) => `${username}@demo.accord.test`;

export interface DemoBranch {
  key: string;
  name: string;
  level: BranchLevel;
  code: string;
  children?: DemoBranch[];
}

export interface DemoOrganisation {
  key: string;
  kind: 'platform' | 'center' | 'institution' | 'regulator';
  name: string;
  code?: string;
  regionCode?: string;
  jurisdiction?: string[];
  memberOf?: { center: string; since: string }[];
  tree?: DemoBranch;
}

export interface DemoUser {
  /** A mediator's business lines. */
  expertise?: string[];
  username: string;
  displayName: string;
  organisation: string;
  roles: Role[];
  branch?: string;
  affiliatedInstitution?: string;
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { key: 'platform', kind: 'platform', name: 'Accord 平台运营' },
  { key: 'sh-center', kind: 'center', name: '上海市金融消费纠纷调解中心', code: 'SH', regionCode: '310000' },
  { key: 'qd-center', kind: 'center', name: '青岛市银行保险业纠纷调解中心', code: 'QD', regionCode: '370200' },
  {
    key: 'icbc',
    kind: 'institution',
    name: '中国工商银行',
    memberOf: [
      { center: 'sh-center', since: '2023-01-01' },
      { center: 'qd-center', since: '2024-03-15' },
    ],
    tree: {
      key: 'icbc-ho', name: '中国工商银行总行', level: 'head_office', code: 'HO',
      children: [
        { key: 'icbc-sh', name: '上海市分行', level: 'branch', code: 'SH', children: [
          { key: 'icbc-sh-pd', name: '浦东分行营业部', level: 'sub_branch', code: 'SH-PD', children: [
            { key: 'icbc-sh-ljz', name: '陆家嘴支行网点', level: 'outlet', code: 'SH-PD-LJZ' },
          ] },
        ] },
        { key: 'icbc-qd', name: '青岛分行', level: 'branch', code: 'QD', children: [
          { key: 'icbc-qd-sn', name: '青岛市南支行', level: 'sub_branch', code: 'QD-SN', children: [
            { key: 'icbc-qd-xgzl', name: '香港中路网点', level: 'outlet', code: 'QD-SN-XGZL' },
            { key: 'icbc-qd-zsl', name: '中山路网点', level: 'outlet', code: 'QD-SN-ZSL' },
          ] },
          { key: 'icbc-qd-ls', name: '青岛崂山支行', level: 'sub_branch', code: 'QD-LS' },
        ] },
      ],
    },
  },
  {
    key: 'cmb',
    kind: 'institution',
    name: '招商银行',
    memberOf: [{ center: 'sh-center', since: '2023-06-01' }],
    tree: {
      key: 'cmb-ho', name: '招商银行总行', level: 'head_office', code: 'HO',
      children: [
        { key: 'cmb-sh', name: '上海分行', level: 'branch', code: 'SH', children: [
          { key: 'cmb-sh-xh', name: '徐汇支行', level: 'sub_branch', code: 'SH-XH', children: [
            { key: 'cmb-sh-chj', name: '漕河泾网点', level: 'outlet', code: 'SH-XH-CHJ' },
          ] },
        ] },
      ],
    },
  },
  {
    key: 'srcb',
    kind: 'institution',
    name: '上海农村商业银行',
    memberOf: [{ center: 'sh-center', since: '2022-09-01' }],
    tree: {
      key: 'srcb-ho', name: '上海农商银行总行', level: 'head_office', code: 'HO',
      children: [
        { key: 'srcb-pd', name: '浦东分行', level: 'branch', code: 'PD', children: [
          { key: 'srcb-pd-zj', name: '张江支行', level: 'sub_branch', code: 'PD-ZJ' },
        ] },
      ],
    },
  },
  {
    key: 'qdbank',
    kind: 'institution',
    name: '青岛银行',
    memberOf: [{ center: 'qd-center', since: '2021-05-20' }],
    tree: {
      key: 'qdbank-ho', name: '青岛银行总行', level: 'head_office', code: 'HO',
      children: [
        { key: 'qdbank-sb', name: '市北分行', level: 'branch', code: 'SB', children: [
          { key: 'qdbank-sb-tdl', name: '台东支行', level: 'sub_branch', code: 'SB-TD', children: [
            { key: 'qdbank-sb-tdl-1', name: '台东一路网点', level: 'outlet', code: 'SB-TD-1' },
          ] },
        ] },
      ],
    },
  },
  { key: 'sh-regulator', kind: 'regulator', name: '国家金融监督管理总局上海监管局', regionCode: '310000', jurisdiction: ['sh-center'] },
  { key: 'qd-regulator', kind: 'regulator', name: '国家金融监督管理总局青岛监管局', regionCode: '370200', jurisdiction: ['qd-center'] },
];

export const DEMO_USERS: DemoUser[] = [
  { username: 'platform.admin', displayName: '平台管理员', organisation: 'platform', roles: ['platform_admin'] },
  { username: 'sh.admin', displayName: '陈静', organisation: 'sh-center', roles: ['center_admin'] },
  { username: 'sh.intake', displayName: '林晓', organisation: 'sh-center', roles: ['intake_officer'] },
  { username: 'sh.mediator', displayName: '黄志明', organisation: 'sh-center', roles: ['mediator'], expertise: ['credit_card', 'wealth_fund'] },
  { username: 'qd.admin', displayName: '刘洋', organisation: 'qd-center', roles: ['center_admin'] },
  { username: 'qd.intake', displayName: '王芳', organisation: 'qd-center', roles: ['intake_officer'] },
  { username: 'qd.mediator', displayName: '张伟', organisation: 'qd-center', roles: ['mediator'], expertise: ['credit_card', 'personal_loan'] },
  { username: 'qd.mediator2', displayName: '陈静', organisation: 'qd-center', roles: ['mediator'], expertise: ['wealth_fund', 'insurance'] },
  { username: 'qd.mediator.pt', displayName: '李强', organisation: 'qd-center', roles: ['mediator'], affiliatedInstitution: 'icbc', expertise: ['credit_card'] },
  { username: 'qd.liaison', displayName: '赵敏', organisation: 'qd-center', roles: ['liaison_officer'] },
  { username: 'qd.reviewer', displayName: '马骏', organisation: 'qd-center', roles: ['quality_reviewer'] },
  { username: 'icbc.admin', displayName: '孙丽', organisation: 'icbc', roles: ['institution_admin'] },
  { username: 'icbc.qd.manager', displayName: '周杰', organisation: 'icbc', roles: ['branch_manager'], branch: 'icbc-qd-sn' },
  { username: 'icbc.qd.handler', displayName: '吴婷', organisation: 'icbc', roles: ['complaint_handler'], branch: 'icbc-qd-xgzl' },
  { username: 'icbc.viewer', displayName: '郑浩', organisation: 'icbc', roles: ['viewer'] },
  { username: 'cmb.admin', displayName: '钱蕾', organisation: 'cmb', roles: ['institution_admin'] },
  { username: 'cmb.sh.handler', displayName: '许可', organisation: 'cmb', roles: ['complaint_handler'], branch: 'cmb-sh-chj' },
  { username: 'srcb.admin', displayName: '蒋涛', organisation: 'srcb', roles: ['institution_admin'] },
  { username: 'qdbank.admin', displayName: '韩雪', organisation: 'qdbank', roles: ['institution_admin'] },
  { username: 'qdbank.handler', displayName: '曹宇', organisation: 'qdbank', roles: ['complaint_handler'], branch: 'qdbank-sb-tdl-1' },
  { username: 'sh.regulator', displayName: '冯蕾', organisation: 'sh-regulator', roles: ['regulator_analyst'] },
  { username: 'qd.regulator', displayName: '何军', organisation: 'qd-regulator', roles: ['regulator_analyst'] },
  { username: 'qd.supervisor', displayName: '马超', organisation: 'qd-regulator', roles: ['regulator_supervisor'] },
];

/** The ids the seed gave the demo world, by key (organisations, branches, users). */
export interface DemoIds {
  organisations: Record<string, string>;
  branches: Record<string, string>;
  users: Record<string, string>;
}
