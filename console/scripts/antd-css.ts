/**
 * A Vite plugin that trims antd's static stylesheet (antd/dist/antd.css, the zero-runtime mode's styles) to the
 * components the console uses: the full file is about 110 KB gzipped, the console's part of it well under that, and
 * the first screen must stay within its budget.
 *
 * A top-level rule is kept when every antd component its selector names (`.ant-<component>…`) is in
 * {@link CONSOLE_COMPONENTS}, or when it names none (resets, keyframes, the root CSS variables). The CSS-variable
 * blocks of the stylesheet's other theme keys (nested ConfigProviders the console does not have) are dropped.
 * A component missing from the list renders unstyled: the e2e screenshots of every screen show it at once.
 */
import type { Plugin } from 'vite';

/** The antd class prefixes (`.ant-<name>`) the console's screens use, with those of the components inside them. */
export const CONSOLE_COMPONENTS = new Set([
  // layout and navigation
  'layout',
  'menu',
  'drawer',
  'dropdown',
  'breadcrumb',
  'row',
  'col',
  'flex',
  'space',
  'divider',
  'tabs',
  // display
  'btn',
  'tag',
  'spin',
  'card',
  'statistic',
  'progress',
  'alert',
  'skeleton',
  'list',
  'empty',
  'result',
  'typography',
  'descriptions',
  'timeline',
  'tooltip',
  'table',
  'pagination',
  // feedback
  'message',
  'modal',
  'app',
  // forms
  'form',
  'input',
  'select',
  'radio',
  'switch',
  'picker',
  'compact',
  'checkbox',
  'segmented',
  // the assessment form, penalty points and the evidence viewer
  'collapse',
  'popconfirm',
  'popover',
  // motion and effects used by the above
  'wave',
  'motion',
  'zoom',
  'slide',
  'move',
  'fade',
  'click',
]);

/** The stylesheet's own theme key (the console sets `cssVar.key` to it); other keys' variable blocks are dropped. */
const THEME_KEY = 'css-var-_R_0_';

function topLevelRules(css: string): string[] {
  const rules: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < css.length; index += 1) {
    const character = css[index];
    if (character === '{') depth += 1;
    else if (character === '}') {
      depth -= 1;
      if (depth === 0) {
        rules.push(css.slice(start, index + 1));
        start = index + 1;
      }
    }
  }
  return rules;
}

/** antd.css without the rules of components the console does not use. */
export function trimAntdCss(css: string): string {
  return topLevelRules(css)
    .filter((rule) => {
      const selector = rule.slice(0, rule.indexOf('{'));
      const otherKey = /\.css-var-[A-Za-z0-9_]+/.exec(selector);
      if (otherKey && otherKey[0] !== `.${THEME_KEY}`) return false;
      const names = [...selector.matchAll(/\.ant-([a-z]+)/g)].map((match) => match[1] as string);
      return names.every((name) => CONSOLE_COMPONENTS.has(name));
    })
    .join('');
}

/** Trims `antd/dist/antd.css` as it is imported. */
export function antdCssForTheConsole(): Plugin {
  return {
    name: 'console-antd-css',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]antd[\\/]dist[\\/]antd\.css(\?|$)/.test(id)) return null;
      return { code: trimAntdCss(code), map: null };
    },
  };
}
