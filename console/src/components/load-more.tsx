import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { Button, Flex } from 'antd';

/**
 * The footer of a list paginated with the API's `nextToken` (SPEC §4 lists are cursors, not page numbers):
 * how many are shown, and a button for the next page while there is one.
 */
export function LoadMore(props: { query: UseInfiniteQueryResult<unknown, unknown>; shown: number }) {
  const { query } = props;
  return (
    <Flex justify="space-between" align="center" className="load-more">
      <span className="secondary-text">
        已显示 {props.shown} 条{query.hasNextPage ? '' : '，已全部加载'}
      </span>
      {query.hasNextPage && (
        <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          加载更多
        </Button>
      )}
    </Flex>
  );
}
