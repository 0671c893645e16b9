/**
 * The payment file for the bank: the ONE place a full 社保卡 account number leaves the system, for
 * reviewers whose scope covers every row (the database checked). Never log its contents.
 */
import { LEVELS, type CatalogLevel } from '@jz/shared';
import { csvText } from '../csv';
import { decryptPersonal } from '../personalData';

export interface PaymentRow {
  id: string;
  name: string | null;
  idNumberMasked: string | null;
  bankAccountEnc: string;
  amount: number;
  district: string;
  occupation: string;
  level: CatalogLevel;
  publicityEnd: string | null;
}

export function paymentCsv(rows: PaymentRow[]): string {
  const header = ['申请编号', '姓名', '证件号码', '社保卡金融账户', '金额（元）', '区', '职业', '等级', '公示截止'];
  const lines = rows.map((r) => [
    r.id,
    r.name,
    r.idNumberMasked,
    // Account numbers are text, so Excel keeps every digit: a tab prefix is the usual trick.
    `\t${decryptPersonal(r.bankAccountEnc)}`,
    r.amount,
    r.district,
    r.occupation,
    LEVELS[r.level].label,
    r.publicityEnd,
  ]);
  return csvText(header, lines);
}
