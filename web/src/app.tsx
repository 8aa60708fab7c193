import { lazy, Suspense } from 'react';
import { COCKPIT_ROLES, TASK_ROLES, hasRole, homeOf, useSession } from './auth';
import { endSession, useSessionRefresh } from './party-session';
import { setLocale, useT } from './i18n';
import { Link, match, navigate, useLocation } from './router';
import { BoardPage } from './pages/board';
import { SignInPage } from './pages/sign-in';

// Everything but the public board loads on demand: the board is what most visitors open, on a phone.
const CockpitPage = lazy(() => import('./pages/cockpit'));
const WorkbenchPage = lazy(() => import('./pages/workbench'));
const CasePage = lazy(() => import('./pages/case'));
const AdminPage = lazy(() => import('./pages/admin'));
const PortalPage = lazy(() => import('./pages/portal'));
const ExplorerPage = lazy(() => import('./pages/explorer'));

function Page() {
  const { path } = useLocation();
  const session = useSession();
  if (path === '/' || path === '') {
    queueMicrotask(() => navigate(homeOf(session)));
    return null;
  }
  if (path === '/board') return <BoardPage />;
  if (path === '/sign-in') return <SignInPage />;
  if (path === '/explorer') return <ExplorerPage />;
  if (!session) return <SignInPage />;
  if (path === '/cockpit') return <CockpitPage />;
  if (path === '/workbench') return <WorkbenchPage />;
  if (path === '/admin') return <AdminPage />;
  if (path === '/portal') return <PortalPage />;
  const c = match('/case/:id', path);
  if (c) return <CasePage id={c.id!} />;
  return <BoardPage />;
}

export function App() {
  const { t, locale } = useT();
  const session = useSession();
  useSessionRefresh();
  return (
    <>
      <header className="top no-print">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label="main">
          <Link to="/board">{t('nav.board')}</Link>
          {hasRole(session, COCKPIT_ROLES) && <Link to="/cockpit">{t('nav.cockpit')}</Link>}
          {hasRole(session, TASK_ROLES) && <Link to="/workbench">{t('nav.workbench')}</Link>}
          {hasRole(session, ['ADMIN']) && <Link to="/admin">{t('nav.admin')}</Link>}
          {hasRole(session, ['PARTY']) && <Link to="/portal">{t('nav.portal')}</Link>}
          {session ? (
            <button
              type="button"
              className="link"
              onClick={() => {
                void endSession();
                navigate('/board');
              }}
            >
              {t('nav.signOut')}
            </button>
          ) : (
            <Link to="/sign-in">{t('nav.signIn')}</Link>
          )}
          <button
            type="button"
            className="link"
            lang={locale === 'en' ? 'zh-CN' : 'en'}
            onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
          >
            {t('nav.language')}
          </button>
        </nav>
      </header>
      <main>
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          <Page />
        </Suspense>
      </main>
    </>
  );
}
