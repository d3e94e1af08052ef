/**
 * ECharts, tree-shaken to what the console draws (bars and pies on a canvas), sized to its container and
 * resized with it. The figures are also given as text (`summary`) for screen readers.
 */
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The option of a chart (ECharts' own option object). */
export type ChartOption = echarts.EChartsCoreOption;

export function Chart(props: { option: ChartOption; summary: string; tall?: boolean }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  useEffect(() => {
    if (!element.current) return;
    chart.current = echarts.init(element.current, undefined, { renderer: 'canvas' });
    const observer = new ResizeObserver(() => chart.current?.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(props.option, true);
  }, [props.option]);
  return (
    <div ref={element} className={props.tall ? 'chart chart-tall' : 'chart'} role="img" aria-label={props.summary} />
  );
}

export default Chart;
