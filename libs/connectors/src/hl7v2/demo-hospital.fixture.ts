/**
 * HL7 v2.5.1 messages of the demo hospital (../shared/SCENARIOS.md), written by hand as an EHR would send them:
 * scenario 1 (Avery Quinn: A01, DFT^P03 with the five charges and the knee implant, A03) and scenarios 2 and 6
 * (Jordan Rivera: A04, DFT^P03 for the visit, and the late LAB-STREP charge). Fictional people; real codes.
 * Times are US Eastern (-0500 in November).
 */
const hl7 = (...segments: string[]) => segments.join('\r') + '\r';

const ELLIS_PARK = '1245319599^Park^Ellis^^^Dr^MD^^NPI&2.16.840.1.113883.4.6&ISO^L^^^NPI';
const PRIYA_SHAH = '1972558823^Shah^Priya^^^Dr^MD^^NPI&2.16.840.1.113883.4.6&ISO^L^^^NPI';
const AVERY_PID = 'PID|1||CG-100234^^^CONCORD^MR~avery-quinn^^^EHR^PI~1EG4TE5MK73^^^CMS^MC||Quinn^Avery^J||19570314|F';
const JORDAN_PID = 'PID|1||CR-200871^^^CONCORD^MR~jordan-rivera^^^EHR^PI||Rivera^Jordan||19881102|M';

export const AVERY_A01 = hl7(
  'MSH|^~\\&|EPIC|CONCORD-GENERAL|CONCORD|CONCORD|20261102083000-0500||ADT^A01^ADT_A01|CG-ADT-0001|P|2.5.1',
  'EVN|A01|20261102083000-0500',
  `${AVERY_PID}|||12 Harbour Lane^^Concord^NH^03301^US||(603)555-0142^PRN^PH~^NET^Internet^avery.quinn@example.org`,
  `PV1|1|I|4W^412^B^concord-general||||${ELLIS_PARK}|||6100||||1|||||V-CG-7781|||||||||||||||||||||||||20261102083000-0500`,
  'DG1|1||M17.12^Unilateral primary osteoarthritis, left knee^I10||20261102|A|||||||||1',
  'IN1|1|MCRA^Medicare Part A|MCRA1|Medicare Part A||||||||20220301||||Quinn^Avery^J|SEL|||||||||||||||||||1EG4TE5MK73',
);

const OR_CHARGE = `FT1|2|chg-aq-or||20261102||CG|OR-ORTHO-60|Operating room, orthopaedic, first hour||1|9500.00&USD|9500.00&USD|6300|||||||${ELLIS_PARK}`;
const TKA = `PR1|1||27447^Total knee arthroplasty^C4^0SRD0JZ^Replacement of left knee joint with synthetic substitute^I10P||20261102130000-0500|||||||${ELLIS_PARK}|||||||proc-tka-aq`;

/** The five charges of scenario 1 (28,650.00 in total) and the knee implant used in the arthroplasty. */
export const AVERY_DFT = hl7(
  'MSH|^~\\&|EPIC|CONCORD-GENERAL|CONCORD|CONCORD|20261104120000-0500||DFT^P03^DFT_P03|CG-DFT-0001|P|2.5.1',
  'EVN|P03|20261104120000-0500',
  AVERY_PID,
  'PV1|1|I|4W^412^B^concord-general|||||||6100|||||||||V-CG-7781',
  'FT1|1|chg-aq-rb||20261102||CG|RB-SEMI|Room and board, semi-private, per day||2|5600.00&USD|2800.00&USD|6200',
  OR_CHARGE,
  TKA,
  'FT1|3|chg-aq-imp||20261102||CG|IMP-KNEE|Knee implant system||1|12600.00&USD|12600.00&USD|6300||||||||||||C1776^Knee implant system^HCPCS|LT',
  'ZIU|1|KNEE-TOT-CR^Total knee system, cruciate-retaining|1|00812345678906|SN-KN-55012|LOT-2026-114|1',
  'FT1|4|chg-aq-rx||20261103||CG|RX-GEN|Pharmacy, general||1|640.00&USD|640.00&USD|6400',
  'FT1|5|chg-aq-lab||20261102||CG|LAB-CBC|Complete blood count||1|310.00&USD|310.00&USD|6500||||||||||||85025^Complete blood count^C4',
);

export const AVERY_A03 = hl7(
  'MSH|^~\\&|EPIC|CONCORD-GENERAL|CONCORD|CONCORD|20261104110000-0500||ADT^A03^ADT_A03|CG-ADT-0002|P|2.5.1',
  'EVN|A03|20261104110000-0500',
  AVERY_PID,
  `PV1|1|I|4W^412^B^concord-general||||${ELLIS_PARK}|||6100||||1|||||V-CG-7781|||||||||||||||||01||||||||20261102083000-0500|20261104110000-0500`,
  'DG1|1||M17.12^Unilateral primary osteoarthritis, left knee^I10||20261104|F|||||||||1',
  TKA,
);

export const JORDAN_A04 = hl7(
  'MSH|^~\\&|EPIC|CONCORD-RIVERSIDE|CONCORD|CONCORD|20261110091500-0500||ADT^A04^ADT_A01|CR-ADT-0001|P|2.5.1',
  'EVN|A04|20261110091500-0500',
  `${JORDAN_PID}|||48 Mill Street^Apt 2^Concord^NH^03301^US||(603)555-0199^PRN^CP`,
  `PV1|1|O|RC-EXAM^3^^concord-riverside||||${PRIYA_SHAH}|||7100||||2|||||V-CR-1203|||||||||||||||||||||||||20261110091500-0500`,
  'DG1|1||J06.9^Acute upper respiratory infection, unspecified^I10||20261110|W',
  'IN1|1|KHP-GOLD^Keystone Gold|KHP01|Keystone Health Plan||||KHP-GOLD-2026||||20260101|||||SEL|||||||||||||||||||KHP-44718-01',
);

/** Scenario 2: the office visit 99213 (185.00). */
export const JORDAN_DFT_VISIT = hl7(
  'MSH|^~\\&|EPIC|CONCORD-RIVERSIDE|CONCORD|CONCORD|20261110100000-0500||DFT^P03^DFT_P03|CR-DFT-0001|P|2.5.1',
  'EVN|P03|20261110100000-0500',
  JORDAN_PID,
  'PV1|1|O|RC-EXAM^3^^concord-riverside|||||||7100|||||||||V-CR-1203',
  `FT1|1|chg-jr-ov||20261110||CG|OV-EST-3|Office visit, established patient, level 3||1|185.00&USD|185.00&USD|7100|||||||${PRIYA_SHAH}|||||99213^Office visit, established patient, level 3^C4`,
);

/** Scenario 6: the rapid strep test of the same visit, charged a week after the claim went out. */
export const JORDAN_DFT_LATE_STREP = hl7(
  'MSH|^~\\&|EPIC|CONCORD-RIVERSIDE|CONCORD|CONCORD|20261117084500-0500||DFT^P03^DFT_P03|CR-DFT-0002|P|2.5.1',
  'EVN|P03|20261117084500-0500',
  JORDAN_PID,
  'PV1|1|O|RC-EXAM^3^^concord-riverside|||||||7100|||||||||V-CR-1203',
  'FT1|1|chg-jr-strep||20261110||CG|LAB-STREP|Rapid strep test||1|45.00&USD|45.00&USD|6500||||||||||||87880^Rapid strep test^C4',
);
