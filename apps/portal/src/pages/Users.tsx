import { UserAdmin } from '../components/UserAdmin';

/** 用户管理 — an institution admin manages the institution's users. */
export default function UsersPage() {
  return <UserAdmin variant="institution" />;
}
