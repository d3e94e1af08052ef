import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { chineseMessage } from '@/lib/api/problem';

/**
 * The three states of a query on a screen: loading (a skeleton), failed (the API's problem in Chinese, with a
 * retry), and the data.
 */
export function QueryState<T>(props: { query: UseQueryResult<T>; what: string; children: (data: T) => ReactNode }) {
  const { query } = props;
  if (query.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (query.isError) {
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
