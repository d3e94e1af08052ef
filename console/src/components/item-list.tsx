import { Skeleton } from 'antd';
import type { ReactNode } from 'react';

/** One line of an {@link ItemList}: a title and a line under it. */
export interface Item {
  key: string;
  title: ReactNode;
  description?: ReactNode;
}

/** A short list of records on a card (the dashboard's): plain markup, no list component on the first screen. */
export function ItemList(props: { items: Item[]; empty: string; loading?: boolean }) {
  if (props.loading) return <Skeleton active paragraph={{ rows: 3 }} title={false} />;
  if (props.items.length === 0) return <p className="item-list-empty">{props.empty}</p>;
  return (
    <ul className="item-list">
      {props.items.map((item) => (
        <li key={item.key}>
          <div className="item-list-title">{item.title}</div>
          {item.description && <div className="item-list-description">{item.description}</div>}
        </li>
      ))}
    </ul>
  );
}
