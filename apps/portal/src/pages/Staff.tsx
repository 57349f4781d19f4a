import { UserAdmin } from '../components/UserAdmin';

/** 人员管理 — a center admin manages the center's staff. */
export default function StaffPage() {
  return <UserAdmin variant="center" />;
}
