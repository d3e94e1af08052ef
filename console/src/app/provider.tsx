import 'antd/dist/antd.css';
import './console.css';
import 'dayjs/locale/zh-cn';
import { StyleProvider } from '@ant-design/cssinjs';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { ApiProblem } from '@/lib/api/problem';

dayjs.locale('zh-cn');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // a refusal (4xx) is an answer, not a fault: only network faults and 5xx are retried
      retry: (failures, error) => failures < 2 && !(error instanceof ApiProblem && error.status < 500),
    },
  },
});

/**
 * antd's CSS variables as its static stylesheet declares them (`.css-var-_R_0_`): the default theme, unchanged.
 */
const STATIC_CSS_VAR_KEY = 'css-var-_R_0_';

/**
 * Where antd would still inject its CSS-variable <style> blocks in zero-runtime mode: a node never attached to the
 * document, so nothing inline reaches the page (the same variables come from antd.css under the same key).
 */
const detachedStyleContainer = document.createElement('div');

/**
 * antd in zero-runtime mode (antd 6): no style is generated in the browser; the components' styles and CSS
 * variables come from antd's static stylesheet (antd/dist/antd.css, bundled as a hashed file). So the console's
 * Content-Security-Policy needs neither 'unsafe-inline' nor a nonce (a static site on CloudFront cannot mint one).
 */
export function AppProvider(props: { children: ReactNode }) {
  return (
    <StyleProvider container={detachedStyleContainer}>
      {/* no space inserted between two-character labels (发 布): screen readers and tests read 发布 */}
      <ConfigProvider
        locale={zhCN}
        theme={{ zeroRuntime: true, cssVar: { key: STATIC_CSS_VAR_KEY } }}
        button={{ autoInsertSpace: false }}
      >
        <AntApp>
          <QueryClientProvider client={queryClient}>{props.children}</QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </StyleProvider>
  );
}
