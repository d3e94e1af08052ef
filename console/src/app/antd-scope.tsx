import 'antd/dist/antd.css';
import './antd-overrides.css';
import 'dayjs/locale/zh-cn';
import { StyleProvider } from '@ant-design/cssinjs';
import { Provider as MotionProvider } from '@rc-component/motion';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';

dayjs.locale('zh-cn');

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
 * Whether the person asked their system for less motion (WCAG 2.1 SC 2.3.3, `prefers-reduced-motion`): then antd's
 * dialogs, messages and form hints appear and leave without their zoom, slide and fade, and a clicked button
 * sends out no wave. Given to antd's motion
 * provider directly, inside ConfigProvider (whose own motion provider it overrides), not as the `motion` theme
 * token, so the theme's tokens — and the class names the static stylesheet is built for — stay the default ones.
 */
function prefersReducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/**
 * Ant Design for a screen: loaded with every screen but the dashboard (the router wraps them), with antd's static
 * stylesheet (antd/dist/antd.css, trimmed at build time and bundled as a hashed file, fetched before the screen
 * renders) and the console's rules for antd's components after it. antd runs in zero-runtime mode (antd 6): no style
 * is generated in the browser, so the console's Content-Security-Policy needs neither 'unsafe-inline' nor a nonce
 * (a static site on CloudFront cannot mint one). `App` gives the screen antd's message and modal hooks.
 */
export function AntdScope(props: { children: ReactNode }) {
  const reducedMotion = prefersReducedMotion();
  return (
    <StyleProvider container={detachedStyleContainer}>
      {/* no space inserted between two-character labels (发 布): screen readers and tests read 发布 */}
      <ConfigProvider
        locale={zhCN}
        theme={{ zeroRuntime: true, cssVar: { key: STATIC_CSS_VAR_KEY } }}
        button={{ autoInsertSpace: false }}
        wave={{ disabled: reducedMotion }}
      >
        <MotionProvider motion={!reducedMotion}>
          <AntApp>{props.children}</AntApp>
        </MotionProvider>
      </ConfigProvider>
    </StyleProvider>
  );
}
