/**
 * Apache ECharts, only the parts the console draws (bar and line on canvas). Pages import it lazily,
 * so the board's first load carries no chart code.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface ChartProps {
  kind: 'bar' | 'line';
  labels: string[];
  values: (number | null)[];
  /** Said to screen readers, since the canvas is not. */
  label: string;
  onPick?: (index: number) => void;
}

export default function Chart({ kind, labels, values, label, onPick }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(el.current!);
    const horizontal = kind === 'bar';
    chart.setOption({
      animation: false,
      grid: { left: horizontal ? 90 : 50, right: 16, top: 10, bottom: 30 },
      tooltip: { trigger: 'axis' },
      xAxis: horizontal ? { type: 'value' } : { type: 'category', data: labels },
      yAxis: horizontal ? { type: 'category', data: labels, inverse: true } : { type: 'value' },
      series: [{ type: kind, data: values, itemStyle: { color: '#b71c1c' } }],
    });
    if (onPick) chart.on('click', (p) => onPick(p.dataIndex));
    // The chart follows its box, whatever changes it (a window resize, a phone turned, the layout around it).
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el.current!);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [kind, labels, values, onPick]);
  const height = kind === 'bar' ? Math.max(160, labels.length * 26 + 40) : 240;
  return <div ref={el} className="chart" role="img" aria-label={label} style={{ height }} />;
}
