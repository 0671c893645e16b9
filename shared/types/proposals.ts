/** Responses of the proposal (指导目录开发) endpoints. */
import type { Audience, ProjectType, TrainingMode } from '../schemas/catalog';
import type { ProjectSource, ProposalStatus } from '../schemas/proposals';

export interface ProposalDemand {
  id: string;
  code: string;
  status: string;
  enterprise: string;
  occupation: string;
  headcount: number;
  /** Headcount not yet covered by published projects. */
  remainingHeadcount: number;
  district: string;
}

export interface ProjectProposal {
  id: string;
  code: string;
  status: ProposalStatus;
  /** Only while returned. */
  returnReason: string | null;
  source: ProjectSource;
  sourceName: string;
  institution: { id: string; code: string; name: string };
  district: string;
  districtName: string;
  title: string;
  projectType: ProjectType;
  field: { code: string; name: string };
  occupations: Array<{ code: string; name: string }>;
  level: string;
  headcount: number;
  content: string;
  hours: number;
  mode: TrainingMode;
  audiences: Audience[];
  funding: 'subsidised' | 'fee';
  fee: number;
  demands: ProposalDemand[];
  /** The catalog project, once published. */
  projectId: string | null;
  projectCode: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Detail only: every status change. */
  history?: Array<{ from: ProposalStatus | null; to: ProposalStatus; reason: string | null; at: string }>;
}

export interface ProposalList {
  items: ProjectProposal[];
  /** Proposals per status (the review queue leaves drafts out). */
  totals: Partial<Record<ProposalStatus, number>>;
}
