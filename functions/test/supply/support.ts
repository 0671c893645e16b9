/** Test data for the supply suite: valid credit codes, declarations through the API, staff. */
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '@jz/shared';
import { randomInt } from 'node:crypto';
import { expect } from 'vitest';
import { sql } from '../harness/db';
import { uniqueName, type ApiClient, type ApiReply } from '../support/api';

/** A valid unified social credit code no other test makes (random body, computed check character). */
export function testCreditCode(): string {
  const first17 = '91' + Array.from({ length: 15 }, () => CREDIT_CODE_ALPHABET[randomInt(CREDIT_CODE_ALPHABET.length)]).join('');
  return first17 + creditCodeCheckChar(first17);
}

export function wantedBy(daysFromNow = 30): string {
  return new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 10);
}

let occupation: string | undefined;
export async function occupationCode(): Promise<string> {
  occupation ??= (await sql<{ code: string }>('select code from public.occupations order by id limit 1'))[0]!.code;
  return occupation;
}

export async function declaration(overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return {
    enterpriseName: uniqueName('测试企业'),
    creditCode: testCreditCode(),
    contactName: '王经理',
    contactPhone: '13812341234',
    occupation: await occupationCode(),
    headcount: 12,
    skills: '能独立完成老年人生活照护',
    district: '110105',
    wantedBy: wantedBy(),
    payMin: 6000,
    payMax: 8000,
    ...overrides,
  };
}

export async function person(api: ApiClient, role?: 'station_staff' | 'reviewer' | 'admin' | 'institution_staff', scope?: string) {
  const login = await api.devLogin(uniqueName(role ? '员工' : '企业'), role ? [scope ? { role, scope } : { role }] as never : undefined);
  return { token: login.token, userId: login.user.id };
}

export function expectRefusal(reply: ApiReply, status: number, code: string): void {
  expect({ status: reply.status, code: reply.body?.error?.code }).toEqual({ status, code });
  expect(reply.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
}
