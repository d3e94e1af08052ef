import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { ApiProblem, chineseMessage } from '@/lib/api/problem';
import { ComingSoon } from './coming-soon';

/**
 * The three states of a query on a screen: loading (a skeleton), failed (the API's problem in Chinese, with a
 * retry; a route not built yet says so), and the data.
 */
export function QueryState<T>(props: {
  query: UseQueryResult<T>;
  what: string;
  route?: string;
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (query.isError) {
    if (query.error instanceof ApiProblem && query.error.notBuilt) {
      return <ComingSoon what={props.what} {...(props.route ? { route: props.route } : {})} />;
    }
    return (
      <Alert
        type="error"
        showIcon
        title={`${props.what}加载失败`}
        description={chineseMessage(query.error)}
        action={
          <Button size="small" onClick={() => void query.refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  return <>{props.children(query.data)}</>;
}
