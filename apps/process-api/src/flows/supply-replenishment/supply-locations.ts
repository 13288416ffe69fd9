/**
 * The store each department's procedures draw from. The EHR's procedure record names the
 * department, not the shelf; this table is the hospital's configuration of that link (scenario 1:
 * perioperative services, 6300, take implants from the main OR store).
 */
const STORE_BY_DEPARTMENT: Readonly<Record<string, string>> = {
  '6100': 'CG-MAIN-OR',
  '6300': 'CG-MAIN-OR',
  '7100': 'RC-CLINIC',
};
const DEFAULT_STORE = 'CG-CENTRAL';

/** The storage location a department's consumption is issued from. */
export function storeForDepartment(departmentCode: string): string {
  return STORE_BY_DEPARTMENT[departmentCode] ?? DEFAULT_STORE;
}
