/** The class roster as a CSV file for the institution (Excel opens it: UTF-8 with BOM, CRLF). */
import { ENROLLMENT_STATUSES, PERSON_CATEGORIES, type Roster } from '@jz/shared';
import { csvText } from '../csv';

/** `2026-11-25T10:03:00Z` → `2026-11-25 18:03` (Beijing time). */
export function beijingDateTime(iso: string | null): string {
  if (!iso) return '';
  const t = new Date(new Date(iso).getTime() + 8 * 3600 * 1000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

export function rosterCsv(roster: Roster): string {
  const header = ['序号', '姓名', '证件号码', '手机号', '人员类别', '状态', '候补序号', '推荐服务站', '报名时间', '入班时间',
    '出勤次数', `出勤率（共${roster.sessionDates.length}次课）`, '出勤日期', '结业时间', '备注'];
  const rows = roster.items.map((item, i) => [
    i + 1,
    item.name,
    item.idNumberMasked,
    item.mobileMasked,
    item.category ? PERSON_CATEGORIES[item.category] : '',
    ENROLLMENT_STATUSES[item.status],
    item.position ?? '',
    item.referralStation ?? '',
    beijingDateTime(item.createdAt),
    beijingDateTime(item.enrolledAt),
    item.attended,
    `${Math.round(item.attendanceRate * 1000) / 10}%`,
    item.attendedDates.join(' '),
    beijingDateTime(item.completedAt),
    item.dropReason ?? '',
  ]);
  return csvText(header, rows);
}
