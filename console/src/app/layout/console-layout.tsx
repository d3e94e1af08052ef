import {
  AuditOutlined,
  BarChartOutlined,
  DashboardOutlined,
  LogoutOutlined,
  MenuOutlined,
  NotificationOutlined,
  ProjectOutlined,
  SettingOutlined,
  SyncOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, type MenuProps, Spin, Tag } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { type Role, useSession } from '@/lib/auth/session';
import { signOut } from '@/lib/auth/sign-in';

interface MenuEntry {
  path: string;
  label: string;
  icon: React.ReactNode;
  /** officer-only screens are not in an inspector's menu */
  officer?: boolean;
}

const MENU: MenuEntry[] = [
  { path: '/', label: '工作台', icon: <DashboardOutlined /> },
  { path: '/projects', label: '工程项目', icon: <ProjectOutlined /> },
  { path: '/cases', label: '监管案件', icon: <AuditOutlined /> },
  { path: '/circulars', label: '通报管理', icon: <NotificationOutlined /> },
  { path: '/evaluations', label: '月度评估', icon: <SyncOutlined />, officer: true },
  { path: '/stats', label: '统计分析', icon: <BarChartOutlined />, officer: true },
  { path: '/rule-sets', label: '规则版本', icon: <SettingOutlined />, officer: true },
];

const ROLE_NAMES: Record<Role, string> = { officer: '负责人', inspector: '检查员' };

function selectedKey(pathname: string): string {
  // an inspection or a hazard is part of a project's work
  if (pathname.startsWith('/inspections') || pathname.startsWith('/hazards')) return '/projects';
  const match = MENU.filter((entry) => entry.path !== '/' && pathname.startsWith(entry.path));
  return match[0]?.path ?? '/';
}

/**
 * The console's frame (ant-design-pro's side-menu layout): the menu on the left (a drawer on a phone), the signed-in
 * person and their role at the top right, the page in the middle. Nobody signed in: to the sign-in page, which
 * comes back here afterwards.
 */
export function ConsoleLayout() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  if (!session) {
    const returnTo = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?returnTo=${encodeURIComponent(returnTo)}`} replace />;
  }
  const wide = screens.lg ?? true;
  const items: MenuProps['items'] = MENU.filter((entry) => !entry.officer || session.role === 'officer').map(
    (entry) => ({ key: entry.path, icon: entry.icon, label: <Link to={entry.path}>{entry.label}</Link> }),
  );
  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selectedKey(location.pathname)]}
      items={items}
      onClick={() => setDrawerOpen(false)}
      aria-label="主菜单"
    />
  );
  const userMenu: MenuProps = {
    items: [{ key: 'sign-out', icon: <LogoutOutlined />, label: '退出登录' }],
    onClick: () => {
      void signOut().then(() => navigate('/sign-in'));
    },
  };
  return (
    <Layout className="console-layout">
      {wide && (
        <Layout.Sider width={208} className="console-sider">
          <Link to="/" className="console-brand">
            差别化监管
          </Link>
          <nav aria-label="主菜单">{menu}</nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="console-header">
          {!wide && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label="打开菜单"
              onClick={() => setDrawerOpen(true)}
              className="console-menu-button"
            />
          )}
          <span className="console-header-title">{wide ? '建筑施工安全差别化监管 · 管理端' : '差别化监管'}</span>
          <Dropdown menu={userMenu} trigger={['click']}>
            <Button
              type="text"
              className="console-user"
              aria-label={`当前用户 ${session.name}（${ROLE_NAMES[session.role]}）`}
            >
              <UserOutlined />
              <span className="console-user-name">{session.name}</span>
              <Tag color={session.role === 'officer' ? 'blue' : 'cyan'} data-role={session.role}>
                {ROLE_NAMES[session.role]}
              </Tag>
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content className="console-content">
          <main>
            <Suspense fallback={<Spin className="route-loading" description="加载中…" />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
      {!wide && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          title="差别化监管"
          className="console-drawer"
        >
          <nav aria-label="主菜单">{menu}</nav>
        </Drawer>
      )}
    </Layout>
  );
}
