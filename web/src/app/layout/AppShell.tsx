import { P } from '@dieuhanh/core/access/permissions';
import { Layout, Menu, type MenuProps, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { ErrorBoundary } from '../../shared/components/ErrorBoundary.tsx';
import { common } from '../../shared/i18n/common.ts';
import { pick, useI18n, useMessages } from '../../shared/i18n/i18n.tsx';
import { shellMessages } from '../messages.ts';
import { MODULES } from '../modules.ts';
import { linkOf, visiblePages } from '../registry.ts';
import { FullPageSpin } from '../router.tsx';
import { useCan, useMe } from '../session.tsx';
import { Brand } from './Brand.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { UserMenu } from './UserMenu.tsx';

/** The frame around every page: header with the tenant and the user, navigation on the left. */
export function AppShell() {
  const me = useMe();
  const can = useCan();
  const { lang } = useI18n();
  const m = useMessages(shellMessages);
  const c = useMessages(common);
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  const groups = useMemo(
    () =>
      MODULES.map((mod) => ({ mod, pages: visiblePages(mod, can).filter((p) => !p.hidden) })).filter(
        (g) => g.pages.length > 0,
      ),
    [can],
  );

  const items: MenuProps['items'] = groups.map(({ mod, pages }) => ({
    type: 'group' as const,
    key: `module:${mod.key}`,
    label: <span data-testid={`nav-module-${mod.key}`}>{pick(mod.label, lang)}</span>,
    children: pages.map((page) => ({
      key: linkOf(page),
      icon: page.icon,
      label: (
        <Link to={linkOf(page)} data-testid={`nav-${linkOf(page).slice(1).replaceAll('/', '-')}`}>
          {pick(page.label, lang)}
        </Link>
      ),
    })),
  }));

  const selected = groups
    .flatMap((g) => g.pages.map(linkOf))
    .filter((path) => location.pathname === path || location.pathname.startsWith(`${path}/`))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 16, position: 'sticky', top: 0, zIndex: 10 }}
      >
        <Brand tenantName={me.tenant.name} />
        <div style={{ flex: 1 }} />
        {can(P.notificationRead) && <NotificationBell />}
        <UserMenu />
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={248}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          theme="light"
          style={{ borderInlineEnd: '1px solid #e5e8ee' }}
        >
          <nav aria-label={m.navigation} data-testid="side-nav">
            <Menu
              mode="inline"
              items={items}
              selectedKeys={selected}
              style={{ borderInlineEnd: 0, paddingTop: 8 }}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <main>
            <ErrorBoundary title={c.pageCrashed} retryLabel={c.reload} resetKey={location.pathname}>
              <Suspense fallback={<FullPageSpin />}>
                <Outlet />
              </Suspense>
            </ErrorBoundary>
          </main>
          <Typography.Text
            type="secondary"
            style={{ display: 'block', textAlign: 'center', marginTop: 32, fontSize: 12 }}
          >
            {c.appName} — {c.appTagline}
          </Typography.Text>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
