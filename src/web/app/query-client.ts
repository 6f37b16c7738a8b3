import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/api-error';

/** Answers that will not change on a retry (not found, not permitted, bad input) are not retried. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) => failureCount < 1 && (!isApiError(error) || error.status === 0 || error.status >= 500),
    },
    mutations: { retry: false },
  },
});
