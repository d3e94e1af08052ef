/**
 * The dashboard's chart of cases by level: four bars drawn as SVG. Four numbers do not need a chart library on the
 * first screen (ECharts is about 160 KB gzipped even tree-shaken, more than a third of the first screen's budget);
 * the statistics screen, with its pie and grouped bars, uses ECharts.
 */
export function LevelBars(props: { labels: string[]; values: number[]; colors: string[]; summary: string }) {
  const width = 400;
  const height = 220;
  const top = 24;
  const bottom = 28;
  const max = Math.max(1, ...props.values);
  const slot = width / props.values.length;
  const barWidth = Math.min(56, slot * 0.5);
  return (
    <svg className="chart level-bars" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.summary}>
      <line x1={0} x2={width} y1={height - bottom} y2={height - bottom} stroke="#8c8c8c" strokeWidth={1} />
      {props.values.map((value, index) => {
        const barHeight = ((height - top - bottom) * value) / max;
        const x = slot * index + (slot - barWidth) / 2;
        const y = height - bottom - barHeight;
        return (
          <g key={props.labels[index]}>
            <rect x={x} y={y} width={barWidth} height={barHeight} fill={props.colors[index]} rx={2} />
            <text x={x + barWidth / 2} y={y - 6} textAnchor="middle" fontSize={13} fill="rgba(0,0,0,0.88)">
              {value}
            </text>
            <text x={x + barWidth / 2} y={height - 8} textAnchor="middle" fontSize={13} fill="rgba(0,0,0,0.75)">
              {props.labels[index]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
