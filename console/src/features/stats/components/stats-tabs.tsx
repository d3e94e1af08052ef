import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';

const VIEWS = [
  { value: '/stats', label: '月度监管统计' },
  { value: '/stats/enforcement', label: '执法工作统计' },
];

/** The statistics screens as tabs: the month's supervision (SPEC §2.4) and the quarter's enforcement work (§6.7). */
export function StatsTabs() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  return (
    <nav aria-label="统计类别">
      <Segmented
        options={VIEWS}
        value={VIEWS.find((view) => view.value === pathname)?.value ?? '/stats'}
        onChange={(value) => navigate(String(value))}
      />
    </nav>
  );
}
