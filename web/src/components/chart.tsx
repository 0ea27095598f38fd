import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the parts used: the modular build keeps the bundle a fraction of full ECharts.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type TChartOption = echarts.EChartsCoreOption;

/**
 * One ECharts instance per mounted chart; `onClick` gets the category (x) and series name of a clicked
 * item. `label` describes the chart for screen readers, which cannot read an SVG of bars.
 */
export function Chart({
  option,
  label,
  height = 280,
  onClick,
}: {
  option: TChartOption;
  label: string;
  height?: number;
  onClick?: (category: string, series: string) => void;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => clickRef.current?.(String(params.name), String(params.seriesName)));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={element} role="img" aria-label={label} style={{ height, width: '100%' }} />;
}
