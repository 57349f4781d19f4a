import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { App as AntApp, ConfigProvider, Flex, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AuthProvider } from './auth/AuthContext';
import { RequireAuth, RequireRole } from './auth/RequireAuth';
import { AppLayout } from './layout/AppLayout';
import { THEME } from './theme';
import { navRoutes } from './layout/nav';
import HomePage from './pages/Home';
import NotFoundPage from './pages/NotFound';
import SignInPage from './pages/SignIn';
import { FIRST_ERROR } from './lib/forms';
import { StepUpPrompt } from './auth/StepUpPrompt';

/** Pages are loaded on demand (by the menu's paths): most users only ever open a few. */
const PAGES: Record<string, LazyExoticComponent<ComponentType>> = {
  '/organisations': lazy(() => import('./pages/Organisations')),
  '/staff': lazy(() => import('./pages/Staff')),
  '/members': lazy(() => import('./pages/Members')),
  '/branches': lazy(() => import('./pages/Branches')),
  '/users': lazy(() => import('./pages/Users')),
  '/api-keys': lazy(() => import('./pages/ApiKeys')),
  '/jurisdiction': lazy(() => import('./pages/Jurisdiction')),
  '/audit': lazy(() => import('./pages/Audit')),
  '/cases': lazy(() => import('./pages/CaseList')),
  '/cases/new': lazy(() => import('./pages/CaseDetail').then((m) => ({ default: m.CaseNewPage }))),
  '/cases/refer': lazy(() => import('./pages/CaseDetail').then((m) => ({ default: m.CaseReferPage }))),
  '/cases/import': lazy(() => import('./pages/CaseImport')),
  '/intake': lazy(() => import('./pages/CaseList').then((m) => ({ default: m.IntakePage }))),
  '/caseload': lazy(() => import('./pages/Caseload')),
  '/statistics': lazy(() => import('./pages/Statistics')),
  '/rankings': lazy(() => import('./pages/Rankings')),
  '/regulator-console': lazy(() => import('./pages/RegulatorConsole')),
  '/warnings': lazy(() => import('./pages/Warnings')),
  '/calendar': lazy(() => import('./pages/Calendar')),
  '/schedule': lazy(() => import('./pages/Schedule')),
  '/working-hours': lazy(() => import('./pages/WorkingHours')),
  '/messages': lazy(() => import('./pages/Messages')),
  '/follow-ups': lazy(() => import('./pages/FollowUps')),
  '/mediation-method': lazy(() => import('./pages/MediationMethod')),
  '/quality': lazy(() => import('./pages/Quality')),
  '/batches': lazy(() => import('./pages/Batches')),
  '/notifications': lazy(() => import('./pages/Notifications')),
  '/account/security': lazy(() => import('./pages/AccountSecurity')),
  '/webhooks': lazy(() => import('./pages/Webhooks')),
};

/** The consumer's page from the SMS link: no account, no menu, no sign-in redirect. */
const ConsumerPage = lazy(() => import('./pages/Consumer'));
/** Anyone checks a signed document's PDF: no account either. */
const VerifyPage = lazy(() => import('./pages/Verify'));

/** Pages outside the menu; whoever may see the case (the API answers 404 to anyone else). */
const CASE_PAGES: { path: string; Page: LazyExoticComponent<ComponentType> }[] = [
  { path: '/cases/:id', Page: lazy(() => import('./pages/CaseDetail')) },
  { path: '/cases/:id/edit', Page: lazy(() => import('./pages/CaseDetail').then((m) => ({ default: m.CaseEditPage }))) },
  // a batch of similar cases: the center's intake (the API answers 404 to anyone else)
  { path: '/batches/:id', Page: lazy(() => import('./pages/Batches').then((m) => ({ default: m.BatchDetailPage }))) },
  { path: '/sessions/:sessionId', Page: lazy(() => import('./pages/SessionConsole')) },
  // the session's video room: the case's mediator, center admin and intake, the respondent bank
  { path: '/sessions/:sessionId/video', Page: lazy(() => import('./pages/SessionVideo')) },
];

const pageFallback = (
  <Flex justify="center" style={{ padding: 48 }}>
    <Spin />
  </Flex>
);

export function App() {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  dayjs.locale(english ? 'en' : 'zh-cn');

  // autoInsertSpace off: antd would render 登录 as "登 录"; labels stay exactly as translated
  return (
    <ConfigProvider
      locale={english ? enUS : zhCN}
      theme={THEME}
      button={{ autoInsertSpace: false }}
      form={{ scrollToFirstError: FIRST_ERROR }}
    >
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <StepUpPrompt />
            <Routes>
              <Route path="/sign-in" element={<SignInPage />} />
              <Route
                path="/c/:token"
                element={
                  <Suspense fallback={pageFallback}>
                    <ConsumerPage />
                  </Suspense>
                }
              />
              <Route
                path="/verify"
                element={
                  <Suspense fallback={pageFallback}>
                    <VerifyPage />
                  </Suspense>
                }
              />
              <Route element={<RequireAuth />}>
                <Route element={<AppLayout />}>
                  <Route index element={<HomePage />} />
                  {navRoutes().map(({ path, roles }) => {
                    const Page = PAGES[path];
                    return (
                      <Route key={path} element={<RequireRole roles={roles} />}>
                        <Route
                          path={path}
                          element={
                            <Suspense fallback={pageFallback}>
                              <Page />
                            </Suspense>
                          }
                        />
                      </Route>
                    );
                  })}
                  {CASE_PAGES.map(({ path, Page }) => (
                    <Route
                      key={path}
                      path={path}
                      element={
                        <Suspense fallback={pageFallback}>
                          <Page />
                        </Suspense>
                      }
                    />
                  ))}
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Route>
            </Routes>
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
