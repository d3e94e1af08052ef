import { IconProvider } from '@ant-design/icons';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiProblem } from '@/lib/api/problem';
import './shell.css';

/** The console's one data cache (main.tsx starts the first screen's requests in it before the first render). */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // a refusal (4xx) is an answer, not a fault: only network faults and 5xx are retried
      retry: (failures, error) => failures < 2 && !(error instanceof ApiProblem && error.status < 500),
    },
  },
});

/** Icons draw with the static `.anticon` rules of shell.css: they inject no `<style>` (the page's CSP has no 'unsafe-inline'). */
const ICONS = { zeroRuntime: true } as const;

/**
 * What every screen shares: the data cache (TanStack Query) and the icons' settings. Ant Design is not here: the
 * frame and the dashboard are plain markup, so the first screen needs neither antd's JavaScript nor its stylesheet;
 * every other screen brings antd with it (app/antd-scope.tsx, loaded with the screen's chunk).
 */
export function AppProvider(props: { children: ReactNode }) {
  return (
    <IconProvider value={ICONS}>
      <QueryClientProvider client={queryClient}>{props.children}</QueryClientProvider>
    </IconProvider>
  );
}
