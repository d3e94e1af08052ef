import {
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  ClockCircleOutlined,
  CloseOutlined,
  DashboardOutlined,
  LogoutOutlined,
  MenuOutlined,
  NotificationOutlined,
  ProjectOutlined,
  SettingOutlined,
  SyncOutlined,
  TrophyOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Suspense, useEffect, useRef, useState } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { type Role, useSession } from '@/lib/auth/session';
import { signOut } from '@/lib/auth/sign-in';

interface MenuEntry {
  path: string;
  label: string;
  icon: React.ReactNode;
  /** officer-only screens are not in an inspector's menu */
  officer?: boolean;
  /** other paths that belong to this entry (an inspection, a hazard, an assessment is part of a project's work) */
  also?: string[];
}

const MENU: MenuEntry[] = [
  { path: '/', label: '工作台', icon: <DashboardOutlined /> },
  {
    path: '/projects',
    label: '工程项目',
    icon: <ProjectOutlined />,
    also: ['/inspections', '/hazards', '/assessments'],
  },
  { path: '/cases', label: '监管案件', icon: <AuditOutlined /> },
  { path: '/overdue', label: '逾期事项', icon: <ClockCircleOutlined /> },
  { path: '/enterprise-cases', label: '企业监管', icon: <BankOutlined /> },
  { path: '/circulars', label: '通报管理', icon: <NotificationOutlined /> },
  { path: '/penalty-points', label: '动态记分', icon: <WarningOutlined /> },
  { path: '/rankings', label: '排名', icon: <TrophyOutlined /> },
  { path: '/evaluations', label: '月度评估', icon: <SyncOutlined />, officer: true },
  { path: '/stats', label: '统计分析', icon: <BarChartOutlined />, officer: true },
  { path: '/rule-sets', label: '规则版本', icon: <SettingOutlined /> },
];

const ROLE_NAMES: Record<Role, string> = { officer: '负责人', inspector: '检查员' };

function isCurrent(entry: MenuEntry, pathname: string): boolean {
  if (entry.path === '/') return pathname === '/';
  return [entry.path, ...(entry.also ?? [])].some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

function Menu(props: { role: Role; onNavigate?: () => void }) {
  const { pathname } = useLocation();
  return (
    <nav aria-label="主菜单">
      <ul className="shell-menu">
        {MENU.filter((entry) => !entry.officer || props.role === 'officer').map((entry) => {
          const current = isCurrent(entry, pathname);
          return (
            <li key={entry.path}>
              <NavLink
                to={entry.path}
                end={entry.path === '/'}
                className={current ? 'shell-menu-active' : undefined}
                aria-current={current ? 'page' : undefined}
                onClick={props.onNavigate}
              >
                {entry.icon}
                <span>{entry.label}</span>
              </NavLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The signed-in person and their role; the menu under it signs out. */
function UserMenu(props: { name: string; role: Role }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !box.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  return (
    <div className="shell-user" ref={box}>
      <button
        type="button"
        className="shell-icon-button"
        aria-expanded={open}
        aria-controls="shell-user-menu"
        aria-label={`当前用户 ${props.name}（${ROLE_NAMES[props.role]}）`}
        onClick={() => setOpen((value) => !value)}
      >
        <UserOutlined />
        <span className="shell-user-name">{props.name}</span>
        <span className={`badge ${props.role === 'officer' ? 'badge-blue' : 'badge-green'}`} data-role={props.role}>
          {ROLE_NAMES[props.role]}
        </span>
      </button>
      {open && (
        <div className="shell-user-menu" id="shell-user-menu">
          <button
            type="button"
            className="shell-icon-button"
            onClick={() => void signOut().then(() => navigate('/sign-in'))}
          >
            <LogoutOutlined /> 退出登录
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * The console's frame, as ant-design-pro's side-menu layout looks but in plain markup (the first screen carries no
 * antd): the menu on the left — on a phone a drawer (a modal `<dialog>`: focus kept inside, Esc closes it) — the
 * signed-in person and their role at the top right, the page in the middle. Nobody signed in: to the sign-in page,
 * which comes back here afterwards.
 */
export function ConsoleLayout() {
  const session = useSession();
  const location = useLocation();
  const drawer = useRef<HTMLDialogElement>(null);
  if (!session) {
    const returnTo = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?returnTo=${encodeURIComponent(returnTo)}`} replace />;
  }
  const closeDrawer = () => drawer.current?.close();
  return (
    <div className="shell">
      <aside className="shell-sider">
        <Link to="/" className="shell-brand">
          差别化监管
        </Link>
        <Menu role={session.role} />
      </aside>
      <div className="shell-main">
        <header className="shell-header">
          <button
            type="button"
            className="shell-icon-button shell-menu-button"
            aria-label="打开菜单"
            onClick={() => drawer.current?.showModal()}
          >
            <MenuOutlined />
          </button>
          <span className="shell-title">
            <span className="shell-title-long">建筑施工安全差别化监管 · 管理端</span>
            <span className="shell-title-short">差别化监管</span>
          </span>
          <UserMenu name={session.name} role={session.role} />
        </header>
        <main className="shell-content">
          <Suspense
            fallback={
              <div className="route-loading" role="status">
                加载中…
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </main>
      </div>
      {/* a click on the backdrop lands on the dialog itself */}
      <dialog
        ref={drawer}
        className="shell-drawer"
        aria-label="主菜单"
        onClick={(event) => {
          if (event.target === event.currentTarget) closeDrawer();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') closeDrawer();
        }}
      >
        <div className="shell-drawer-head">
          <Link to="/" className="shell-brand" onClick={closeDrawer}>
            差别化监管
          </Link>
          <button type="button" className="shell-icon-button" aria-label="关闭菜单" onClick={closeDrawer}>
            <CloseOutlined />
          </button>
        </div>
        <Menu role={session.role} onNavigate={closeDrawer} />
      </dialog>
    </div>
  );
}
