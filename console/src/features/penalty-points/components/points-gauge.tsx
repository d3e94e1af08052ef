import { PENALTY_LEVEL_NAMES } from '@/lib/vocabulary';

/**
 * The points counted within the window against the thresholds (SPEC §6.3: 8 / 16 / 24 / 30), drawn as a bar with a
 * mark at each level; a level reached is red and says what it entails. The same figures are given as text.
 */
export function PointsGauge(props: { total: number; levels: number[]; reached: number[] }) {
  const top = Math.max(...props.levels, props.total) + 4;
  const at = (value: number) => `${(value / top) * 100}%`;
  const summary = `12 个月内累计 ${props.total} 分；${
    props.reached.length
      ? `已达到 ${props.reached.map((level) => `${level} 分（${PENALTY_LEVEL_NAMES[level] ?? ''}）`).join('、')}`
      : '未达到任何记分处理线'
  }`;
  return (
    <div className="points-gauge" data-points-total={props.total} data-thresholds-reached={props.reached.join(',')}>
      <div className="points-gauge-track" role="img" aria-label={summary}>
        <div
          className={`points-gauge-fill${props.reached.length ? ' points-gauge-fill-over' : ''}`}
          style={{ width: at(props.total) }}
        />
        {props.levels.map((level) => (
          <div
            key={level}
            className={`points-gauge-mark${props.reached.includes(level) ? ' points-gauge-mark-reached' : ''}`}
            style={{ left: at(level) }}
          >
            <span className="points-gauge-mark-label">{level}</span>
          </div>
        ))}
      </div>
      <ul className="points-levels">
        {props.levels.map((level) => {
          const reached = props.reached.includes(level);
          return (
            <li
              key={level}
              className={reached ? 'points-level-reached' : undefined}
              data-level={level}
              data-reached={reached}
            >
              <strong>{level} 分</strong> {PENALTY_LEVEL_NAMES[level] ?? ''}
              {reached ? '（已达到）' : ''}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
