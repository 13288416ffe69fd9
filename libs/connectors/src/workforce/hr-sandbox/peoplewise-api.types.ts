/** The sandbox HR system's REST API ("Peoplewise HR API v1") as this connector uses it. */
export interface PwWorker {
  workerId: string;
  personNumber: string;
  legalName: { firstName: string; lastName: string };
  workEmail: string | null;
  userName: string;
  jobId: string;
  jobTitle: string | null;
  department: string;
  payRate: { amount: string; currency: string; basis: string };
  workerStatus: 'ACTIVE' | 'TERMINATED';
  originalHireDate: string;
  terminationDate: string | null;
  managerWorkerId: string | null;
  version: number;
  lastUpdated: string;
}

export interface PwWorkerPage {
  items: PwWorker[];
  page: number;
  pageSize: number;
  totalItems: number;
}

export interface PwJob {
  jobId: string;
  jobTitle: string;
  jobCode: string;
  department: string;
  requiredLicenses: string[];
}

export interface PwLicense {
  licenseId: string;
  workerId: string;
  licenseType: string;
  licenseNumber: string;
  issuingAuthority: string;
  issueDate: string | null;
  expirationDate: string;
}

export interface PwHireRequest {
  personNumber?: string;
  legalName: { firstName: string; lastName: string };
  workEmail?: string;
  jobId: string;
  department?: string;
  payRate: { amount: string; currency: 'USD'; basis: 'HOURLY' };
  originalHireDate?: string;
  managerWorkerId?: string;
}

export type PwUpdateRequest = Partial<Pick<PwHireRequest, 'legalName' | 'workEmail' | 'jobId' | 'department' | 'payRate'>> & {
  managerWorkerId?: string | null;
};

export interface PwTerminateRequest {
  terminationDate?: string;
  reasonCode?: 'RESIGNATION' | 'RETIREMENT' | 'END_OF_CONTRACT' | 'DISMISSAL' | 'OTHER';
}

export interface PwErrorBody {
  status: number;
  errors: { code: string; message: string; field?: string }[];
}
