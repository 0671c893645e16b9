import { describe, expect, it } from 'vitest';
import { amount, beijingDate, characterString, date, renderNotification, thing } from '../../lib/notifications/render';
import { sql } from '../harness/db';

const LONG = '北京市朝阳区人力资源和社会保障局2026年第四期中式烹调师（四级）项目制培训班（晚班）';

/** WeChat's limits per keyword type; a value outside them is refused with 47003. */
function withinLimits(data: Record<string, string>): boolean {
  return Object.entries(data).every(([key, value]) => {
    const length = Array.from(value).length;
    if (length === 0) return false;
    if (key.startsWith('thing')) return length <= 20;
    if (key.startsWith('phrase')) return length <= 5 && /^[\u4e00-\u9fa5]+$/.test(value);
    if (key.startsWith('character_string')) return length <= 32 && /^[\x21-\x7e]+$/.test(value);
    if (key.startsWith('date')) return /^(\d{4}年\d{2}月\d{2}日|待定)$/.test(value);
    if (key.startsWith('amount')) return /^\d{1,10}(\.\d{1,2})?元$/.test(value);
    return false;
  });
}

describe('rendering outbox events into subscribe-message fields', () => {
  const events: Array<[string, Record<string, unknown>]> = [
    ['waitlist.promoted', { enrollmentId: 'e', className: LONG, startDate: '2026-12-01' }],
    ['class.cancelled', { enrollmentId: 'e', className: LONG, startDate: null }],
    ['class.cancelled', { enrollmentId: 'e', className: '电工班', startDate: '2026-12-01', reason: LONG }],
    ['enrollment.completed', { enrollmentId: 'e', className: LONG }],
    ['enrollment.dropped', { enrollmentId: 'e', className: LONG, reason: LONG }],
    ['evaluation.result', { outcome: 'absent', occupationName: LONG, level: 'special' }],
    ['certificate.revoked', { certificateId: 'c', certificateNo: 'S0000110123456789012345678901234567', reason: LONG }],
    ['subsidy.status_changed', { applicationId: 'a', status: 'rejected', amount: 2000, reason: LONG }],
    ['subsidy.status_changed', { applicationId: 'a', status: 'something_new', amount: null }],
    ['class.reminder', { enrollmentId: 'e', className: LONG, startDate: '2026-12-01', address: LONG }],
    ['evaluation.reminder', { occupationName: LONG, level: '4', startsAt: '2026-12-01T01:30:00+00:00', place: null }],
    ['evaluation.cancelled', { occupationName: LONG, level: '3', startsAt: '2026-12-01T01:30:00Z', reason: LONG }],
    ['demand.reviewed', { demandId: 'd', status: 'returned', reason: LONG, enterpriseName: LONG, occupationName: '电工' }],
    ['proposal.reviewed', { proposalId: 'p', status: 'published', title: LONG }],
    ['job.match', { jobId: 'j', title: LONG, enterprise: LONG, district: '朝阳区', payMin: 6000, payMax: 9000 }],
    ['job.match', { jobId: 'j' }],
    ['certificate.issued', { certificateId: 'c', certificateNo: 'S000011012345', occupationName: '育婴员', level: '4', issuedOn: '2026-11-20' }],
  ];
  it.each(events)('keeps %s within WeChat field limits, even with long or missing values', (event, payload) => {
    const rendered = renderNotification(event, payload);
    expect(rendered).toBeDefined();
    expect(withinLimits(rendered!.data)).toBe(true);
  });

  it('cuts long texts with an ellipsis and formats dates and amounts', () => {
    expect(thing(LONG)).toHaveLength(20);
    expect(thing(LONG).endsWith('…')).toBe(true);
    expect(thing('  电工  培训 ')).toBe('电工 培训');
    expect(thing(null)).toBe('—');
    expect(date('2026-03-07')).toBe('2026年03月07日');
    expect(amount(1500)).toBe('1500.00元');
    expect(characterString('证书 S-001')).toBe('S-001');
    // 23:30 UTC is already the next day in Beijing
    expect(beijingDate('2026-11-30T23:30:00Z')).toBe('2026-12-01');
    expect(beijingDate('not a time')).toBeNull();
    expect(renderNotification('class.cancelled', { reason: '老师生病' })!.data.thing3).toBe('已取消：老师生病');
  });

  it('has a layout for every event a template exists for', async () => {
    const events = (await sql<{ event: string }>('select event from public.notification_templates order by event')).map((r) => r.event);
    expect(events.length).toBeGreaterThan(0);
    expect(events.filter((event) => !renderNotification(event, {}))).toEqual([]);
  });

  it('has no layout for an event without a template', () => {
    expect(renderNotification('something.else', {})).toBeUndefined();
  });
});
