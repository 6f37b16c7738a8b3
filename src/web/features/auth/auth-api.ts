import { queryOptions, useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../api/client';
import type { Locale, LoginResponse, Me, MfaEnrolment } from '../../api/types';

/** The signed-in person. A 401 here is an answer (not signed in), never reported as an ended session. */
export const meQueryOptions = queryOptions({
  queryKey: ['me'],
  queryFn: async () => {
    const me = await api.get<Me>('/v1/me', { reportUnauthorized: false });
    setCsrfToken(me.csrfToken);
    return me;
  },
  staleTime: 60_000,
});

/** The signed-in person inside the app (the app's layout has loaded it before rendering). */
export function useMe(): Me {
  return useSuspenseQuery(meQueryOptions).data;
}

export async function signIn(body: { email: string; password: string }): Promise<LoginResponse> {
  const response = await api.post<LoginResponse>('/v1/auth/login', body, { reportUnauthorized: false });
  setCsrfToken(response.csrfToken);
  return response;
}

export function verifySecondFactor(code: string): Promise<{ ok: true }> {
  return api.post('/v1/auth/mfa/verify', { code }, { reportUnauthorized: false });
}

export function startMfaEnrolment(): Promise<MfaEnrolment> {
  return api.post('/v1/auth/mfa/enrol', {}, { reportUnauthorized: false });
}

export function confirmMfaEnrolment(code: string): Promise<{ recoveryCodes: string[] }> {
  return api.post('/v1/auth/mfa/enrol/confirm', { code }, { reportUnauthorized: false });
}

export async function signOut(): Promise<void> {
  try {
    await api.post('/v1/auth/logout', {}, { reportUnauthorized: false });
  } finally {
    setCsrfToken(null);
  }
}

export function saveLocale(locale: Locale): Promise<{ ok: true }> {
  return api.patch('/v1/me', { locale });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post<{ ok: true }>('/v1/me/password', body),
  });
}

export function useDisableMfa() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => api.post<{ ok: true }>('/v1/auth/mfa/disable', { password }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryOptions.queryKey }),
  });
}

export function useRegenerateRecoveryCodes() {
  return useMutation({
    mutationFn: (password: string) => api.post<{ recoveryCodes: string[] }>('/v1/auth/mfa/recovery-codes', { password }),
  });
}
