import { Button, Flex, Result, Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, useLocation, useNavigate } from 'react-router';
import { ErrorDescription } from '../shared/errors.tsx';
import { common } from '../shared/i18n/common.ts';
import { useMessages } from '../shared/i18n/i18n.tsx';
import { AppShell } from './layout/AppShell.tsx';
import { shellMessages } from './messages.ts';
import { MODULES } from './modules.ts';
import { linkOf, type ModulePage, visiblePages } from './registry.ts';
import { useCan, useSession } from './session.tsx';

const LoginPage = lazy(() => import('../modules/auth/LoginPage.tsx'));

export function FullPageSpin() {
  const m = useMessages(shellMessages);
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" description={m.startingUp} />
    </Flex>
  );
}

/** Renders children only with a session; otherwise sends the user to the login page. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { state, refresh } = useSession();
  const location = useLocation();
  const m = useMessages(shellMessages);
  const c = useMessages(common);
  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'error') {
    return (
      <Result
        status="warning"
        title={m.serverUnavailable}
        subTitle={<ErrorDescription error={state.error} />}
        extra={
          <Button type="primary" onClick={() => void refresh()}>
            {c.retry}
          </Button>
        }
      />
    );
  }
  if (state.status === 'anonymous') {
    return (
      <Navigate
        to="/login"
        replace
        state={{ from: location.pathname + location.search, expired: state.expired }}
      />
    );
  }
  return children;
}

function LoginRoute() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'authenticated') {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }
  return (
    <Suspense fallback={<FullPageSpin />}>
      <LoginPage />
    </Suspense>
  );
}

/** `/` goes to the first page the user may open. */
function Home() {
  const can = useCan();
  const m = useMessages(shellMessages);
  const first = MODULES.flatMap((mod) => visiblePages(mod, can)).find((p) => !p.hidden);
  if (!first) return <Result status="info" title={m.noPages} />;
  return <Navigate to={linkOf(first)} replace />;
}

function PageRoute({ page }: { page: ModulePage }) {
  const can = useCan();
  const m = useMessages(shellMessages);
  if (!can(page.permission)) {
    return <Result status="403" title={m.forbiddenTitle} subTitle={m.forbiddenText} />;
  }
  const Page = page.component;
  return <Page />;
}

export function NotFound() {
  const m = useMessages(common);
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={m.notFoundTitle}
      subTitle={m.notFoundText}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {m.backHome}
        </Button>
      }
    />
  );
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginRoute /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Home /> },
      ...MODULES.flatMap((mod) =>
        mod.pages.map((page) => ({ path: page.path.slice(1), element: <PageRoute page={page} /> })),
      ),
      { path: '*', element: <NotFound /> },
    ],
  },
]);
