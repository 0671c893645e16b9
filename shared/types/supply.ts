/** Responses of the supply-side endpoints. */
import type { DemandSource } from '../schemas/catalog';
import type { DeclarationStatus } from '../schemas/supply';

/** A declaration as its declarer and the district's reviewers see it; the contact phone is always masked. */
export interface DemandDeclaration {
  id: string;
  code: string;
  status: DeclarationStatus;
  /** Only while returned. */
  returnReason: string | null;
  enterprise: { id: string; name: string; creditCode: string };
  contactName: string;
  contactPhoneMasked: string;
  occupation: { code: string; name: string };
  level: string | null;
  headcount: number;
  skills: string;
  district: string;
  wantedBy: string;
  payMin: number | null;
  payMax: number | null;
  source: DemandSource;
  stationCode: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WhitelistEvent {
  action: 'list' | 'suspend' | 'restore';
  from: string;
  to: string;
  reason: string | null;
  at: string;
}

export interface WhitelistedInstitution {
  id: string;
  code: string;
  name: string;
  kind: 'training' | 'evaluation';
  district: string;
  whitelistStatus: 'pending' | 'listed' | 'suspended' | 'removed';
  whitelistedOn: string | null;
  history: WhitelistEvent[];
}
