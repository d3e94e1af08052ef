/**
 * A bar chart with only what the dashboard needs (ECharts core, bars, a grid, on a canvas): the first screen
 * carries the smallest chart chunk; the statistics screen loads the full set (chart.tsx).
 */
import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, CanvasRenderer]);

/** Bars of `values` under `labels`, one colour each; the figures also as text (`summary`) for screen readers. */
export default function Bars(props: { labels: string[]; values: number[]; colors: string[]; summary: string }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      grid: { left: 32, right: 16, top: 16, bottom: 24, containLabel: true },
      xAxis: { type: 'category', data: props.labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          barMaxWidth: 48,
          label: { show: true, position: 'top' },
          data: props.values.map((value, index) => ({ value, itemStyle: { color: props.colors[index] } })),
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [props.labels, props.values, props.colors]);
  return <div ref={element} className="chart" role="img" aria-label={props.summary} />;
}
