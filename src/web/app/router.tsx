import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router';
import { isApiError } from '../api/api-error';
import { onUnauthorized, setCsrfToken } from '../api/client';
import type { Me } from '../api/types';
import { AccountPage } from '../features/account/AccountPage';
import { ApiTokensPage } from '../features/admin/ApiTokensPage';
import { SecuritySettingsPage } from '../features/admin/SecuritySettingsPage';
import { AuditLogPage } from '../features/audit/AuditLogPage';
import { meQueryOptions } from '../features/auth/auth-api';
import { canEnroll, canManagePrograms, courtsFor } from '../features/auth/capabilities';
import { SignInPage } from '../features/auth/SignInPage';
import { BreakGlassReviewPage } from '../features/consent/BreakGlassReviewPage';
import { LabReviewPage } from '../features/monitoring/LabReviewPage';
import { TestingDashboardPage } from '../features/monitoring/TestingDashboardPage';
import { OrganizationsPage } from '../features/organizations/OrganizationsPage';
import { CaseloadPage } from '../features/participants/CaseloadPage';
import { parseCaseloadSearch } from '../features/participants/caseload-search';
import { HomePage } from '../features/participants/HomePage';
import { NewParticipantPage } from '../features/participants/NewParticipantPage';
import { PARTICIPANT_TABS, ParticipantPage, type ParticipantTab } from '../features/participants/ParticipantPage';
import { ProgramsPage } from '../features/programs/ProgramsPage';
import { UsersPage } from '../features/users/UsersPage';
import { AppLayout } from './AppLayout';
import { NotFoundContent, RootNotFound, RootRouteError, RouteErrorContent } from './ErrorPages';
import { queryClient } from './query-client';
import { safeRedirect } from './safe-redirect';

type RouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: RootNotFound,
  errorComponent: RootRouteError,
});

export type SignInSearch = { redirect?: string; expired?: boolean; signedOut?: boolean };

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): SignInSearch => ({
    redirect: safeRedirect(search.redirect),
    expired: search.expired === true || search.expired === 'true' ? true : undefined,
    signedOut: search.signedOut === true || search.signedOut === 'true' ? true : undefined,
  }),
  component: SignInPage,
});

/** Everything behind sign-in: the signed-in person is loaded (or the sign-in page shown) first. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }): Promise<{ me: Me }> => {
    let me: Me;
    try {
      me = await context.queryClient.ensureQueryData(meQueryOptions);
    } catch (error) {
      if (isApiError(error, 401)) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
      throw error;
    }
    if (me.stage !== 'active') throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    return { me };
  },
  component: AppLayout,
  notFoundComponent: NotFoundContent,
  errorComponent: RootRouteError,
});

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    if (context.me.capabilities.seesParticipants) throw redirect({ to: '/caseload', replace: true });
  },
  component: HomePage,
});

const caseloadRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/caseload',
  validateSearch: parseCaseloadSearch,
  beforeLoad: ({ context }) => {
    if (!context.me.capabilities.seesParticipants) throw redirect({ to: '/', replace: true });
  },
  component: CaseloadPage,
});

const newParticipantRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/participants/new',
  beforeLoad: ({ context }) => {
    if (!canEnroll(context.me)) throw redirect({ to: '/', replace: true });
  },
  component: NewParticipantPage,
});

const participantRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/participants/$participantId',
  validateSearch: (search: Record<string, unknown>): { tab?: ParticipantTab } => ({
    tab: (PARTICIPANT_TABS as readonly unknown[]).includes(search.tab) ? (search.tab as ParticipantTab) : undefined,
  }),
  component: ParticipantPage,
});

const programsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/programs',
  beforeLoad: ({ context }) => {
    if (!canManagePrograms(context.me)) throw redirect({ to: '/', replace: true });
  },
  component: ProgramsPage,
});

const testingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/testing',
  validateSearch: (search: Record<string, unknown>): { court?: string } => ({
    court: typeof search.court === 'string' ? search.court : undefined,
  }),
  beforeLoad: ({ context }) => {
    if (courtsFor(context.me, 'testing.monitor').length === 0) throw redirect({ to: '/', replace: true });
  },
  component: TestingDashboardPage,
});

const labReviewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/lab-review',
  beforeLoad: ({ context }) => {
    if (!context.me.capabilities.labReview) throw redirect({ to: '/', replace: true });
  },
  component: LabReviewPage,
});

const breakGlassReviewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/privacy/emergency-access',
  beforeLoad: ({ context }) => {
    if (!context.me.capabilities.reviewsBreakGlass) throw redirect({ to: '/', replace: true });
  },
  component: BreakGlassReviewPage,
});

const accountRoute = createRoute({ getParentRoute: () => appRoute, path: '/account', component: AccountPage });

const adminRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin',
  beforeLoad: ({ context }) => {
    if (!context.me.capabilities.admin) throw redirect({ to: '/', replace: true });
  },
  component: Outlet,
});
const adminIndexRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/admin/organizations', replace: true });
  },
});
const organizationsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/organizations',
  component: OrganizationsPage,
});
const usersRoute = createRoute({ getParentRoute: () => adminRoute, path: '/users', component: UsersPage });
const securityRoute = createRoute({ getParentRoute: () => adminRoute, path: '/security', component: SecuritySettingsPage });
const apiTokensRoute = createRoute({ getParentRoute: () => adminRoute, path: '/api-tokens', component: ApiTokensPage });
const auditRoute = createRoute({ getParentRoute: () => adminRoute, path: '/audit', component: AuditLogPage });

const routeTree = rootRoute.addChildren([
  signInRoute,
  appRoute.addChildren([
    homeRoute,
    caseloadRoute,
    newParticipantRoute,
    participantRoute,
    programsRoute,
    testingRoute,
    labReviewRoute,
    breakGlassReviewRoute,
    accountRoute,
    adminRoute.addChildren([adminIndexRoute, organizationsRoute, usersRoute, securityRoute, apiTokensRoute, auditRoute]),
  ]),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: false,
  defaultErrorComponent: RouteErrorContent,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

/** A session that ended (idle timeout, signed out elsewhere) sends the person to sign in again. */
onUnauthorized(() => {
  const location = router.state.location;
  if (location.pathname === '/sign-in') return;
  setCsrfToken(null);
  void router
    .navigate({ to: '/sign-in', search: { expired: true, redirect: location.href } })
    .then(() => queryClient.removeQueries());
});
