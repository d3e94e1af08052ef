import { Table, type TableProps } from 'antd';
import { useEffect, useRef } from 'react';

/**
 * An antd Table that scrolls sideways on a phone and can be scrolled with the keyboard: antd's scrolling container
 * (`.ant-table-content`, or `.ant-table-body` with a fixed header) is not focusable, so a table of plain text (an
 * inspector's view, without the officer's buttons) would be a region a keyboard cannot reach (WCAG 2.1.1, axe-core's
 * scrollable-region-focusable). The container gets `tabindex="0"` and a name (`label`) as a region.
 */
export function ScrollingTable<Row extends object>(props: TableProps<Row> & { label: string }) {
  const { label, ...table } = props;
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    for (const container of wrapper.current?.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body') ??
      []) {
      container.tabIndex = 0;
      container.setAttribute('role', 'region');
      container.setAttribute('aria-label', label);
    }
  });
  return (
    <div ref={wrapper}>
      <Table<Row> {...table} />
    </div>
  );
}
