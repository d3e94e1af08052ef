import { Breadcrumb, Flex } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A crumb of the page's breadcrumb: a console path, or the current page (no path). */
export interface Crumb {
  title: string;
  to?: string;
}

/**
 * The page frame of every screen (ant-design-pro's PageContainer without its framework): breadcrumb, title with
 * the page's actions on the right, an optional line under it, then the content.
 */
export function Page(props: {
  title: ReactNode;
  crumbs?: Crumb[];
  extra?: ReactNode;
  subTitle?: ReactNode;
  children: ReactNode;
}) {
  const crumbs = props.crumbs ?? [];
  return (
    <div className="page">
      {crumbs.length > 0 && (
        <Breadcrumb
          className="page-breadcrumb"
          items={[{ title: <Link to="/">首页</Link> }, ...crumbs].map((crumb) =>
            'to' in crumb && typeof crumb.to === 'string'
              ? { title: <Link to={crumb.to}>{crumb.title}</Link> }
              : { title: crumb.title },
          )}
        />
      )}
      <Flex className="page-header" justify="space-between" align="flex-start" wrap gap={12}>
        <div className="page-heading">
          <h1 className="page-title">{props.title}</h1>
          {props.subTitle && <div className="page-subtitle">{props.subTitle}</div>}
        </div>
        {props.extra && (
          <Flex gap={8} wrap className="page-actions">
            {props.extra}
          </Flex>
        )}
      </Flex>
      <div className="page-content">{props.children}</div>
    </div>
  );
}
