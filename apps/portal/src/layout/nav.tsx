import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  ClusterOutlined,
  HomeOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Role } from '../api/types';

export interface NavItem {
  key: string;
  path: string;
  icon: ReactNode;
  /** null = every signed-in user */
  roles: readonly Role[] | null;
}

const ADMINS: readonly Role[] = ['platform_admin', 'center_admin', 'institution_admin'];

/** The one place that says which role sees which page (menu and route guard both read it). */
export const NAV: readonly NavItem[] = [
  { key: 'home', path: '/', icon: <HomeOutlined />, roles: null },
  { key: 'organisations', path: '/organisations', icon: <ApartmentOutlined />, roles: ['platform_admin'] },
  { key: 'staff', path: '/staff', icon: <TeamOutlined />, roles: ['center_admin'] },
  { key: 'members', path: '/members', icon: <BankOutlined />, roles: ['center_admin'] },
  { key: 'branches', path: '/branches', icon: <ClusterOutlined />, roles: ['institution_admin'] },
  { key: 'users', path: '/users', icon: <UserOutlined />, roles: ['institution_admin'] },
  { key: 'api-keys', path: '/api-keys', icon: <KeyOutlined />, roles: ['institution_admin'] },
  {
    key: 'jurisdiction',
    path: '/jurisdiction',
    icon: <SafetyCertificateOutlined />,
    roles: ['regulator_analyst', 'regulator_supervisor'],
  },
  { key: 'audit', path: '/audit', icon: <AuditOutlined />, roles: ADMINS },
];

export function navRoles(key: string): readonly Role[] | null {
  const item = NAV.find((n) => n.key === key);
  if (!item) throw new Error(`unknown nav key ${key}`);
  return item.roles;
}
