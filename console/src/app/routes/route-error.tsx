import { Button, Result } from 'antd';
import { useRouteError } from 'react-router';
import { chineseMessage } from '@/lib/api/problem';

/** A screen that failed to load or render: say so in Chinese and offer a reload (e.g. after a new deployment). */
export function RouteError() {
  const error = useRouteError();
  return (
    <Result
      status="error"
      title="页面加载失败"
      subTitle={chineseMessage(error)}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          重新加载
        </Button>
      }
    />
  );
}
