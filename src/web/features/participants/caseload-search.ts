import { ENROLLMENT_STATUSES } from '../../api/enums';
import type { EnrollmentStatus } from '../../api/types';

export const CASELOAD_SORTS = ['name', 'status', 'phase', 'daysInPhase', 'nextCourtDate'] as const;
export type CaseloadSort = (typeof CASELOAD_SORTS)[number];
export const PAGE_SIZES = [10, 25, 50, 100] as const;

/** Cases still open: shown unless the person asks for closed ones too. */
export const OPEN_STATUSES: EnrollmentStatus[] = ['referred', 'screening', 'active', 'absconded'];

/** The caseload's filters, sort and page, kept in the address so Back returns to the same view. */
export type CaseloadSearch = {
  q?: string;
  /** Absent: the open statuses; empty: every status. */
  status?: EnrollmentStatus[];
  programId?: string;
  mine?: boolean;
  sort?: CaseloadSort;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
};

const isStatus = (value: unknown): value is EnrollmentStatus =>
  typeof value === 'string' && (ENROLLMENT_STATUSES as readonly string[]).includes(value);

export function parseCaseloadSearch(search: Record<string, unknown>): CaseloadSearch {
  const result: CaseloadSearch = {};
  if (typeof search.q === 'string' && search.q.trim()) result.q = search.q.slice(0, 100);
  if (Array.isArray(search.status)) result.status = search.status.filter(isStatus);
  if (typeof search.programId === 'string' && /^[0-9a-f-]{36}$/i.test(search.programId)) result.programId = search.programId;
  if (search.mine === true || search.mine === 'true') result.mine = true;
  if (typeof search.sort === 'string' && (CASELOAD_SORTS as readonly string[]).includes(search.sort)) {
    result.sort = search.sort as CaseloadSort;
  }
  if (search.order === 'asc' || search.order === 'desc') result.order = search.order;
  const page = Number(search.page);
  if (Number.isInteger(page) && page > 1) result.page = page;
  const pageSize = Number(search.pageSize);
  if ((PAGE_SIZES as readonly number[]).includes(pageSize)) result.pageSize = pageSize;
  return result;
}
