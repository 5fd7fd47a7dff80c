"use client";

import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { chartOption, type ChartData, type ChartKind } from "@/lib/charts/layout";

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, SVGRenderer]);

/**
 * The interactive chart (tooltips, series focus) at the width it actually gets, laid out by the
 * same `chartOption` as the server's stills, redrawn when its box changes width. Loaded lazily
 * by components/charts/chart-panel-view.tsx: this module is the only one that brings Apache
 * ECharts to the browser. Default export for `React.lazy`.
 */
export default function InteractiveChart({
  data,
  kind,
  title,
}: {
  data: ChartData;
  kind: ChartKind;
  title: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = box.current!;
    setWidth(Math.round(element.clientWidth));
    const observer = new ResizeObserver(([entry]) =>
      setWidth(Math.round(entry!.contentRect.width)),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const { option, height } = chartOption(data, kind, width || 1);
  useEffect(() => {
    if (!width) return;
    const chart = echarts.init(box.current!, null, { renderer: "svg", width, height });
    chart.setOption({ ...option, tooltip: { trigger: "axis", confine: true } });
    return () => chart.dispose();
    // `option` is derived from these; comparing them avoids redrawing on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, kind, width, height]);
  return (
    <div
      ref={box}
      role="img"
      aria-label={title}
      data-testid="chart-live"
      style={{ height: width ? height : undefined }}
    />
  );
}
