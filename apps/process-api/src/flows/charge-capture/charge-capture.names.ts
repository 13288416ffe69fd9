/** The charge-capture flow type: its open instances tell patient-to-cash an encounter's charges are still arriving. */
export const CHARGE_CAPTURE = 'charge-capture';

/** The event that starts it (HL7 DFT^P03, FHIR ChargeItem). */
export const EHR_CHARGE_CAPTURED = 'ehr.charge.captured.v1';
