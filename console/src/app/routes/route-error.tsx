import { useRouteError } from 'react-router';
import { chineseMessage } from '@/lib/api/problem';

/**
 * A screen that failed to load or render: say so in Chinese and offer a reload (e.g. after a new deployment, when
 * an old chunk is gone). Plain markup: it must show even when antd's own chunk is what failed to load.
 */
export function RouteError() {
  const error = useRouteError();
  return (
    <div className="panel route-error" role="alert">
      <div className="panel-body">
        <h1 className="page-title">页面加载失败</h1>
        <p className="secondary-text">{chineseMessage(error)}</p>
        <button type="button" className="shell-icon-button badge-blue" onClick={() => window.location.reload()}>
          重新加载
        </button>
      </div>
    </div>
  );
}
